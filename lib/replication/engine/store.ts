import type { StepStatus, StoredProgress } from './types';

export type FinishedStepStatus = Exclude<StepStatus, 'pending' | 'running'>;
export type FinishedOperationStatus = 'succeeded' | 'failed' | 'cancelled';

/** A restricted step's commands and output in full, for admins (see `StepDescription.publicCommands`). */
export interface StepAdminDetail {
  readonly commands: readonly string[];
  readonly outputTail: string;
}

export interface StepLiveState {
  readonly position: number;
  /** What every reader may see: for a restricted step its public commands and notes only. */
  readonly commands: readonly string[];
  readonly outputTail: string;
  readonly progress: StoredProgress | null;
  /** Null unless the step is restricted. */
  readonly adminDetail: StepAdminDetail | null;
}

export interface StepEnd extends StepLiveState {
  readonly status: FinishedStepStatus;
  readonly at: Date;
  readonly outcome: string;
}

export interface OperationMetrics {
  readonly durationMs: number;
  readonly stepsRun: number;
  readonly stepsSkipped: number;
  readonly [name: string]: number;
}

export interface OperationEnd {
  readonly status: FinishedOperationStatus;
  readonly at: Date;
  readonly outcome: string;
  readonly metrics: OperationMetrics;
}

/**
 * Where the engine writes an operation's progress. Every method must be durable when it
 * resolves; steps are addressed by their position (0-based, the plan's order).
 */
export interface OperationStore {
  operationStarted(operationId: number, at: Date): Promise<void>;
  stepStarted(operationId: number, position: number, at: Date): Promise<void>;
  stepUpdated(operationId: number, state: StepLiveState): Promise<void>;
  stepFinished(operationId: number, end: StepEnd): Promise<void>;
  operationFinished(operationId: number, end: OperationEnd): Promise<void>;
}

/**
 * Raised by a store when the run no longer owns its operation (its lease expired and the
 * operation was marked interrupted, or another instance resumed it). The engine lets it
 * through, so the run stops before its next step and writes nothing more.
 */
export class OwnershipLost extends Error {
  constructor(operationId: number) {
    super(`This Tandem instance no longer owns operation ${operationId}; it stopped before its next step.`);
    this.name = 'OwnershipLost';
  }
}
