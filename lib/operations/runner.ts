import 'server-only';
import { auditedBy, recordAudit } from '@/lib/db/audit';
import { loadStepTargets } from '@/lib/db/hosts';
import { toStoredJson } from '@/lib/db/json';
import {
  cancelInterrupted, claimResume, createOperation, failOperation, interruptExpiredOperations, loadResumable, renewLeases,
  type OperationActor, type OperationClaim, type ResumableOperation,
} from '@/lib/db/operations';
import { dbOperationStore } from '@/lib/db/operations-store';
import { targetChanges, type StepTarget } from '@/lib/inventory/step-target';
import { OwnershipLost, plannedRecord, runOperation, systemClock, type OperationResult, type Step, type StepPorts, type StepStatus } from '@/lib/replication/engine';
import type { OperationKind } from './define-kind';
import { hostPorts } from './host-ports';
import { thisRunner } from './instance';
import { findOperationKind } from './registry';

interface Running {
  readonly controller: AbortController;
  readonly done: Promise<OperationResult | null>;
}

interface RunnerState {
  running: Map<number, Running>;
  heartbeat: ReturnType<typeof setInterval> | null;
  portsOverride: (() => StepPorts) | null;
  kindsOverride: ((name: string) => OperationKind | null) | null;
}

const GLOBAL_KEY = Symbol.for('tandem.runner');

/**
 * Running operations, once per process: Next loads this module once per entry
 * (instrumentation, actions), so a cancel must find the controller whichever copy started the run.
 */
function state(): RunnerState {
  const holder = globalThis as { [GLOBAL_KEY]?: RunnerState };
  holder[GLOBAL_KEY] ??= { running: new Map(), heartbeat: null, portsOverride: null, kindsOverride: null };
  return holder[GLOBAL_KEY];
}

/** For tests: replaces how steps reach hosts. */
export function setRunnerPorts(ports: () => StepPorts): void {
  state().portsOverride = ports;
}

/** For tests of the runner itself: resolves kind names before the registry does. */
export function setRunnerKinds(find: (name: string) => OperationKind | null): void {
  state().kindsOverride = find;
}

function kindNamed(name: string): OperationKind | null {
  return state().kindsOverride?.(name) ?? findOperationKind(name);
}

interface Planned {
  readonly steps: readonly Step[];
  readonly secrets: readonly string[];
}

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Parses the params, asks the precondition, plans; every refusal is one sentence. */
async function plan(kind: OperationKind, operationId: number | null, clusterId: number, stored: unknown): Promise<Outcome<Planned>> {
  const parsed = kind.params.safeParse(stored);
  if (!parsed.success) {
    const detail = parsed.error.issues.slice(0, 2).map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ');
    return { ok: false, message: `${operationId === null ? 'This request' : `Operation ${operationId}`}'s ${kind.kind} parameters are not what this Tandem version expects (${detail}); start a new operation instead.` };
  }
  const input = { operationId, clusterId, params: parsed.data };
  try {
    const refusal = kind.precondition ? await kind.precondition(input) : null;
    if (refusal) return { ok: false, message: refusal };
    const built = await kind.plan(input);
    return { ok: true, value: { steps: built.steps, secrets: built.secrets ?? [] } };
  } catch (error: unknown) {
    return { ok: false, message: message(error) };
  }
}

/** The machine each step acts on, as the inventory records it now. */
async function bindTargets(steps: readonly Step[]): Promise<Outcome<(StepTarget | null)[]>> {
  const names = [...new Set(steps.flatMap((step) => (step.host ? [step.host] : [])))];
  const found = new Map((await loadStepTargets({ names })).map((target) => [target.name, target]));
  const missing = names.filter((name) => !found.has(name));
  if (missing.length > 0) return { ok: false, message: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in Tandem's inventory; add the host or check the cluster's members.` };
  return { ok: true, value: steps.map((step) => (step.host ? (found.get(step.host) ?? null) : null)) };
}

/** Refuses a resume when a host a step acts on was edited since the operation was planned. */
async function changedTargets(stored: ResumableOperation): Promise<string | null> {
  const planned = stored.steps.flatMap((step) => (step.target ? [step.target] : []));
  const current = new Map((await loadStepTargets({ ids: [...new Set(planned.map((target) => target.hostId))] })).map((target) => [target.hostId, target]));
  const changes = [...new Map(planned.map((target) => [target.hostId, target])).values()]
    .flatMap((target) => {
      const differences = targetChanges(target, current.get(target.hostId) ?? null);
      return differences.length === 0 ? [] : [`${target.name}: ${differences.join(', ')}`];
    });
  if (stored.steps.some((step) => step.hostName !== null && step.target === null)) changes.push('its steps do not record which machines they act on (planned by an older Tandem)');
  return changes.length === 0 ? null : `Operation ${stored.id} was planned against hosts that have changed since (${changes.join('; ')}); nothing was run. Start a new operation so its steps are planned against the hosts as they are now.`;
}

function launch(id: number, planned: Planned, targets: readonly (StepTarget | null)[], previous?: readonly StepStatus[]): void {
  const runner = thisRunner();
  const controller = new AbortController();
  const bound = new Map(targets.flatMap((target) => (target ? [[target.name, target] as const] : [])));
  const ports = state().portsOverride?.() ?? hostPorts(bound);
  const done = runOperation({ id, ...(previous ? { previous } : {}) }, planned.steps, dbOperationStore(runner.id), systemClock, controller.signal, { ports, secrets: planned.secrets })
    .catch(async (error: unknown) => {
      if (error instanceof OwnershipLost) {
        console.warn(`[tandem] operation ${id}: ${error.message}`);
        return null;
      }
      console.error(`[tandem] operation ${id} broke off`, error);
      await failOperation(id, runner, 'Tandem could not record this operation’s progress; check the hosts before retrying.').catch(() => undefined);
      return null;
    })
    .finally(() => state().running.delete(id));
  state().running.set(id, { controller, done });
  ensureHeartbeat();
}

export interface StartRequest<Params> {
  readonly clusterId: number;
  readonly params: Params;
  readonly reason: string;
  readonly actor: OperationActor;
}

/**
 * Plans an operation of `kind`, records it (taking the cluster's lock, owned by this
 * instance, audited) and runs it in the background. Resolves once it is recorded, never
 * after the work.
 */
export async function startOperation<Params>(kind: OperationKind<string, Params>, request: StartRequest<Params>): Promise<OperationClaim> {
  const planned = await plan(kind, null, request.clusterId, request.params);
  if (!planned.ok) return planned;
  if (planned.value.steps.length === 0) return { ok: false, message: 'This operation has no steps to run.' };
  const targets = await bindTargets(planned.value.steps);
  if (!targets.ok) return targets;
  const { steps, secrets } = planned.value;
  const claim = await createOperation({
    kind: kind.kind, clusterId: request.clusterId, reason: request.reason, actor: request.actor, params: toStoredJson(kind.params.parse(request.params)), runner: thisRunner(),
    steps: steps.map((step, index) => ({ name: step.name, host: step.host, target: targets.value[index] ?? null, ...plannedRecord(step, secrets) })),
  });
  if (claim.ok) launch(claim.operationId, planned.value, targets.value);
  return claim;
}

function ownedElsewhere(stored: ResumableOperation, verb: string): string {
  return `Operation ${stored.id} is running in Tandem instance ${stored.runnerId ?? '(unknown)'}, which still holds its lease; ${verb} it from that instance, or wait: if that instance has stopped, the operation is marked interrupted within ${Math.round(thisRunner().leaseMs / 1000)} s.`;
}

/**
 * Resumes an interrupted or failed operation: its params must still parse, its plan is
 * rebuilt and must match the stored steps, and the hosts its steps act on must be the
 * machines they were planned against. Steps whose `check` holds are passed over and work
 * restarts at the first one whose check fails.
 */
export async function resumeStoredOperation(id: number, actor: OperationActor): Promise<OperationClaim> {
  if (state().running.has(id)) return { ok: false, message: `Operation ${id} is already running.` };
  await interruptExpiredOperations();
  const stored = await loadResumable(id);
  if (!stored) return { ok: false, message: 'This operation no longer exists.' };
  if ((stored.status === 'running' || stored.status === 'pending') && stored.leaseLive) return { ok: false, message: ownedElsewhere(stored, 'resume') };
  if (stored.status !== 'interrupted' && stored.status !== 'failed') {
    return { ok: false, message: `Operation ${id} is ${stored.status}; only an interrupted or failed operation can be resumed.` };
  }
  const kind = kindNamed(stored.kind);
  if (!kind) return { ok: false, message: `Operation ${id} is a “${stored.kind}” operation, which this Tandem version does not know; it cannot be resumed here.` };
  if (stored.clusterId === null) return { ok: false, message: 'The cluster of this operation no longer exists.' };
  const planned = await plan(kind, id, stored.clusterId, stored.params);
  if (!planned.ok) return planned;
  const same = planned.value.steps.length === stored.steps.length
    && planned.value.steps.every((step, index) => step.name === stored.steps[index]?.name && step.host === stored.steps[index]?.hostName);
  if (!same) return { ok: false, message: 'The plan for this operation has changed since it was started (the cluster changed); start a new operation instead.' };
  const changed = await changedTargets(stored);
  if (changed) return { ok: false, message: changed };
  const claim = await claimResume(id, actor, thisRunner());
  if (claim.ok) launch(id, planned.value, stored.steps.map((step) => step.target), stored.steps.map((step) => step.status));
  return claim;
}

/**
 * Cancels an operation: one running here is aborted (its current step ends `cancelled`);
 * an interrupted one is marked cancelled at once and its cluster's lock released. One
 * another instance runs is refused, naming it.
 */
export async function cancelStoredOperation(id: number, actor: OperationActor): Promise<OperationClaim> {
  const running = state().running.get(id);
  if (running) {
    running.controller.abort(actor.email);
    await recordAudit({
      ...auditedBy(actor), action: 'operation.cancel', summary: `Cancelled running operation ${id}`,
      targetType: 'operation', targetId: id,
    });
    return { ok: true, operationId: id };
  }
  await interruptExpiredOperations();
  const stored = await loadResumable(id);
  if (!stored) return { ok: false, message: 'This operation no longer exists.' };
  if (stored.status === 'interrupted') return cancelInterrupted(id, actor);
  if (stored.status === 'running' || stored.status === 'pending') return { ok: false, message: ownedElsewhere(stored, 'cancel') };
  return { ok: false, message: `Operation ${id} has already ended (${stored.status}).` };
}

/** Resolves when the operation running here ends (immediately when none is). */
export async function waitForOperation(id: number): Promise<OperationResult | null> {
  return (await state().running.get(id)?.done) ?? null;
}

export function isRunningHere(id: number): boolean {
  return state().running.has(id);
}

/**
 * Every third of the lease: renew the leases of what runs here, then mark interrupted
 * whatever another instance left behind with an expired lease. A run whose lease was taken
 * finds out at its next write and stops there.
 */
async function beat(): Promise<void> {
  const runner = thisRunner();
  if (state().running.size > 0) await renewLeases(runner);
  const interrupted = await interruptExpiredOperations();
  if (interrupted.length > 0) console.info(`[tandem] marked interrupted (lease expired): operation ${interrupted.join(', ')}`);
}

function ensureHeartbeat(): void {
  if (state().heartbeat !== null) return;
  const timer = setInterval(() => {
    beat().catch((error: unknown) => console.error('[tandem] operation heartbeat failed', error));
  }, Math.max(1000, Math.floor(thisRunner().leaseMs / 3)));
  timer.unref();
  state().heartbeat = timer;
}

/**
 * Start-up: operations whose runner's lease expired, and those an earlier process of this
 * same instance (same name) left running, are marked interrupted; the heartbeat starts.
 */
export async function startRunner(): Promise<void> {
  console.info(`[tandem] operation runner ${thisRunner().id} (lease ${thisRunner().leaseMs / 1000} s)`);
  const { id } = thisRunner();
  const interrupted = await interruptExpiredOperations({ earlierSelf: { prefix: `${id.slice(0, id.lastIndexOf('#'))}#`, current: id } });
  if (interrupted.length > 0) console.info(`[tandem] marked interrupted: operation ${interrupted.join(', ')}`);
  ensureHeartbeat();
}
