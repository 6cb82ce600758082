import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { recordAudit } from '@/lib/db/audit';
import { cancelInterrupted, claimResume, createOperation, failOperation, loadResumable, markInterruptedOperations, type OperationActor, type OperationClaim } from '@/lib/db/operations';
import { dbOperationStore } from '@/lib/db/operations-store';
import { redact, runOperation, systemClock, type OperationResult, type Step, type StepPorts, type StepStatus } from '@/lib/replication/engine';
import { hostPorts } from './runner-ports';

/** What a kind's step factory sees: the stored request (the id is null while planning a new one). */
export interface OperationDraft {
  readonly id: number | null;
  readonly kind: string;
  readonly clusterId: number | null;
  readonly params: Prisma.JsonValue;
}

/** Steps, plus values to redact from everything stored (passwords the steps use). */
export type OperationPlan = readonly Step[] | { readonly steps: readonly Step[]; readonly secrets?: readonly string[] };
export type BuildSteps = (operation: OperationDraft) => OperationPlan | Promise<OperationPlan>;

interface Running {
  readonly controller: AbortController;
  readonly done: Promise<OperationResult | null>;
}

interface Registry {
  kinds: Map<string, BuildSteps>;
  running: Map<number, Running>;
  portsOverride: (() => StepPorts) | null;
}

const GLOBAL_KEY = Symbol.for('tandem.runner');

/**
 * Kinds and running operations, once per process: Next loads this module once per entry
 * (instrumentation, actions), so a kind registered at start-up must be seen by the resume
 * action, and a cancel must find the controller whichever copy started the run.
 */
function registry(): Registry {
  const holder = globalThis as { [GLOBAL_KEY]?: Registry };
  holder[GLOBAL_KEY] ??= { kinds: new Map(), running: new Map(), portsOverride: null };
  return holder[GLOBAL_KEY];
}

/**
 * Makes `kind` startable and resumable; registering a kind again replaces its factory.
 * Register in runner-kinds.ts, which start-up and every starting or resuming action import.
 */
export function registerOperationKind(kind: string, buildSteps: BuildSteps): void {
  registry().kinds.set(kind, buildSteps);
}

/** For tests: replaces how steps reach hosts. */
export function setRunnerPorts(ports: () => StepPorts): void {
  registry().portsOverride = ports;
}

async function plan(draft: OperationDraft): Promise<{ steps: readonly Step[]; secrets: readonly string[] }> {
  const build = registry().kinds.get(draft.kind);
  if (!build) throw new Error(`No operation kind "${draft.kind}" is registered in this Tandem process.`);
  const built = await build(draft);
  return 'steps' in built ? { steps: built.steps, secrets: built.secrets ?? [] } : { steps: built, secrets: [] };
}

function launch(id: number, steps: readonly Step[], secrets: readonly string[], previous?: readonly StepStatus[]): void {
  const controller = new AbortController();
  const done = runOperation({ id, ...(previous ? { previous } : {}) }, steps, dbOperationStore, systemClock, controller.signal, { ports: (registry().portsOverride ?? hostPorts)(), secrets })
    .catch(async (error: unknown) => {
      console.error(`[tandem] operation ${id} broke off`, error);
      await failOperation(id, 'Tandem could not record this operation’s progress; check the hosts before retrying.').catch(() => undefined);
      return null;
    })
    .finally(() => registry().running.delete(id));
  registry().running.set(id, { controller, done });
}

export interface StartRequest {
  readonly kind: string;
  readonly clusterId: number | null;
  readonly params?: Prisma.InputJsonValue;
  readonly reason: string;
  readonly actor: OperationActor;
}

/**
 * Plans an operation from its kind, records it (taking the cluster's lock, audited) and
 * runs it in the background. Resolves once it is recorded, never after the work.
 */
export async function startOperation(request: StartRequest): Promise<OperationClaim> {
  const params = (request.params ?? {}) as Prisma.JsonValue;
  let planned: Awaited<ReturnType<typeof plan>>;
  try {
    planned = await plan({ id: null, kind: request.kind, clusterId: request.clusterId, params });
  } catch (error: unknown) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (planned.steps.length === 0) return { ok: false, message: 'This operation has no steps to run.' };
  const claim = await createOperation({
    kind: request.kind, clusterId: request.clusterId, reason: request.reason, actor: request.actor, params: request.params ?? {},
    steps: planned.steps.map((step) => ({ name: step.name, host: step.host, commands: step.describe().commands.map((command) => redact(command, planned.secrets)) })),
  });
  if (claim.ok) launch(claim.operationId, planned.steps, planned.secrets);
  return claim;
}

/**
 * Resumes an interrupted or failed operation: its plan is rebuilt and must match the
 * stored steps; steps whose `check` holds are passed over and work restarts at the first
 * one whose check fails.
 */
export async function resumeStoredOperation(id: number, actor: OperationActor): Promise<OperationClaim> {
  if (registry().running.has(id)) return { ok: false, message: `Operation ${id} is already running.` };
  const stored = await loadResumable(id);
  if (!stored) return { ok: false, message: 'This operation no longer exists.' };
  if (stored.status !== 'interrupted' && stored.status !== 'failed') {
    return { ok: false, message: `Operation ${id} is ${stored.status}; only an interrupted or failed operation can be resumed.` };
  }
  let planned: Awaited<ReturnType<typeof plan>>;
  try {
    planned = await plan({ id, kind: stored.kind, clusterId: stored.clusterId, params: stored.params });
  } catch (error: unknown) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const same = planned.steps.length === stored.steps.length
    && planned.steps.every((step, index) => step.name === stored.steps[index]?.name && step.host === stored.steps[index]?.hostName);
  if (!same) return { ok: false, message: 'The plan for this operation has changed since it was started (the cluster changed); start a new operation instead.' };
  const claim = await claimResume(id, actor);
  if (claim.ok) launch(id, planned.steps, planned.secrets, stored.steps.map((step) => step.status));
  return claim;
}

/**
 * Cancels an operation: one running here is aborted (its current step ends `cancelled`);
 * an interrupted one is marked cancelled at once and its cluster's lock released.
 */
export async function cancelStoredOperation(id: number, actor: OperationActor): Promise<OperationClaim> {
  const running = registry().running.get(id);
  if (running) {
    running.controller.abort(actor.email);
    await recordAudit({
      actorId: actor.id, actorEmail: actor.email, action: 'operation.cancel', summary: `Cancelled running operation ${id}`,
      targetType: 'operation', targetId: id, clientAddress: actor.clientAddress ?? null,
    });
    return { ok: true, operationId: id };
  }
  const stored = await loadResumable(id);
  if (!stored) return { ok: false, message: 'This operation no longer exists.' };
  if (stored.status === 'interrupted') return cancelInterrupted(id, actor);
  if (stored.status === 'running' || stored.status === 'pending') {
    return { ok: false, message: `Operation ${id} is not running in this Tandem process; restart Tandem to mark it interrupted, then cancel it.` };
  }
  return { ok: false, message: `Operation ${id} has already ended (${stored.status}).` };
}

/** Resolves when the operation running here ends (immediately when none is). */
export async function waitForOperation(id: number): Promise<OperationResult | null> {
  return (await registry().running.get(id)?.done) ?? null;
}

export function isRunningHere(id: number): boolean {
  return registry().running.has(id);
}

/** Start-up: operations a previous process left running are marked interrupted. */
export async function startRunner(): Promise<void> {
  const interrupted = await markInterruptedOperations();
  if (interrupted.length > 0) console.info(`[tandem] marked interrupted: operation ${interrupted.join(', ')}`);
}
