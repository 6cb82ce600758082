import type { OperationEnd, OperationStore, StepAdminDetail, StepEnd, StepLiveState } from './store';
import type { OperationStatus, StepStatus, StoredProgress } from './types';

export interface MemoryStep {
  status: StepStatus;
  commands: readonly string[];
  outputTail: string;
  adminDetail: StepAdminDetail | null;
  outcome: string | null;
  progress: StoredProgress | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  updates: number;
}

export interface MemoryOperation {
  status: OperationStatus;
  outcome: string | null;
  metrics: OperationEnd['metrics'] | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  steps: MemoryStep[];
}

/** An {@link OperationStore} in memory, for tests of steps and of the engine. */
export class MemoryOperationStore implements OperationStore {
  readonly operations = new Map<number, MemoryOperation>();

  /** Creates an operation with `stepCount` pending steps. */
  create(id: number, stepCount: number): MemoryOperation {
    const operation: MemoryOperation = {
      status: 'pending', outcome: null, metrics: null, startedAt: null, finishedAt: null,
      steps: Array.from({ length: stepCount }, () => ({ status: 'pending', commands: [], outputTail: '', adminDetail: null, outcome: null, progress: null, startedAt: null, finishedAt: null, updates: 0 })),
    };
    this.operations.set(id, operation);
    return operation;
  }

  get(id: number): MemoryOperation {
    const operation = this.operations.get(id);
    if (!operation) throw new Error(`no operation ${id}`);
    return operation;
  }

  async operationStarted(id: number, at: Date): Promise<void> {
    const operation = this.get(id);
    operation.status = 'running';
    operation.startedAt ??= at;
    operation.finishedAt = null;
  }

  async stepStarted(id: number, position: number, at: Date): Promise<void> {
    Object.assign(this.#step(id, position), { status: 'running', startedAt: at, finishedAt: null, outcome: null });
  }

  async stepUpdated(id: number, state: StepLiveState): Promise<void> {
    const step = this.#step(id, state.position);
    Object.assign(step, { commands: state.commands, outputTail: state.outputTail, adminDetail: state.adminDetail, progress: state.progress, updates: step.updates + 1 });
  }

  async stepFinished(id: number, end: StepEnd): Promise<void> {
    const step = this.#step(id, end.position);
    Object.assign(step, { status: end.status, commands: end.commands, outputTail: end.outputTail, adminDetail: end.adminDetail, progress: end.progress, outcome: end.outcome, finishedAt: end.at });
    step.startedAt ??= end.at;
  }

  async operationFinished(id: number, end: OperationEnd): Promise<void> {
    Object.assign(this.get(id), { status: end.status, outcome: end.outcome, metrics: end.metrics, finishedAt: end.at });
  }

  #step(id: number, position: number): MemoryStep {
    const step = this.get(id).steps[position];
    if (!step) throw new Error(`operation ${id} has no step ${position}`);
    return step;
  }
}
