import 'server-only';
import { notifyWebhooks } from '@/lib/alerts/notify-webhooks';
import { listFencedMembers, recordFenceEnforcement, type FencedMember } from '@/lib/db/fencing';
import { loadHostTarget } from '@/lib/db/hosts';
import type { ClusterTick } from '@/lib/monitor/types';
import { SshSession } from '@/lib/ssh/session';
import { fenceHost } from '@/lib/failover/fence-host';
import { fenceEnforcedSummary } from '@/lib/failover/fence-summary';

const SWEEP_MS = 1_000;
/** Short, so an unreachable fenced member is tried again about every second. */
const PROBE_CONNECT_MS = 1_500;
const SEEN_WRITABLE_CONNECT_MS = 5_000;
/** A failure to fence is recorded at most this often per member (it is retried every sweep). */
const FAILURE_RECORD_MS = 60_000;

type Trigger = 'writable' | 'answered';

/**
 * Keeps Tandem's fence true on the hosts. A member fenced on an acknowledgement (it did
 * not answer during the promote) is tried over SSH about every second until it answers;
 * then it is stopped if it runs, its automatic start disabled and standby.signal written.
 * A fenced member the poller sees accepting writes (a boot with the old start.conf, a
 * start by hand) is stopped the same way at once. Runs only in the instance that polls.
 * Each enforcement is recorded with its commands, audited, and told to webhooks.
 */
export class FenceGuard {
  #fenced = new Map<number, FencedMember>();
  readonly #busy = new Set<number>();
  readonly #lastFailure = new Map<number, number>();
  readonly #log: Pick<Console, 'info' | 'warn' | 'error'>;
  #timer: NodeJS.Timeout | null = null;
  #sweeping = false;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(log: Pick<Console, 'info' | 'warn' | 'error'>) {
    this.#log = log;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#sweep(), SWEEP_MS);
    void this.#sweep();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await Promise.all([...this.#inFlight]);
  }

  /** Called with each tick as soon as it is collected, before it is stored. */
  observe(tick: ClusterTick): void {
    for (const hostId of tick.writableHostIds) {
      const member = this.#fenced.get(hostId);
      if (member?.clusterId === tick.clusterId) this.#start(member, 'writable', tick.at);
    }
  }

  async #sweep(): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      const members = await listFencedMembers();
      this.#fenced = new Map(members.map((member) => [member.hostId, member]));
      for (const member of members) if (member.enforcedAt === null && !member.operationRunning) this.#start(member, 'answered', null);
    } catch (error: unknown) {
      this.#log.error(`[tandem] fence guard could not read the fenced members: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#sweeping = false;
    }
  }

  #start(member: FencedMember, trigger: Trigger, seenAt: Date | null): void {
    if (!this.#timer || this.#busy.has(member.hostId)) return;
    this.#busy.add(member.hostId);
    const work = this.#enforce(member, trigger, seenAt).finally(() => {
      this.#busy.delete(member.hostId);
      this.#inFlight.delete(work);
    });
    this.#inFlight.add(work);
  }

  async #enforce(member: FencedMember, trigger: Trigger, seenAt: Date | null): Promise<void> {
    const attemptAt = new Date();
    const host = await loadHostTarget(member.hostId);
    if (!host) return;
    let session: SshSession;
    try {
      session = await SshSession.open({ ...host.target, connectTimeoutMs: trigger === 'answered' ? PROBE_CONNECT_MS : SEEN_WRITABLE_CONNECT_MS });
    } catch (error: unknown) {
      if (trigger === 'writable') await this.#failed(member, trigger, seenAt ?? attemptAt, false, [], error);
      return;
    }
    const answeredAt = seenAt ?? attemptAt;
    const commands: string[] = [];
    try {
      const outcome = await fenceHost((command, options) => session.exec(command, options), member,
        { record: (command) => commands.push(command), log: (line) => this.#log.info(`[tandem] fence ${member.name}: ${line}`), now: () => Date.now() },
        { stop: 'now', assumeRunning: trigger === 'writable' });
      const stoppedAt = outcome.stoppedAt === null ? null : new Date(outcome.stoppedAt);
      const summary = fenceEnforcedSummary({ host: member.name, cluster: member.clusterName, trigger, wasRunning: outcome.wasRunning, windowMs: stoppedAt ? stoppedAt.getTime() - answeredAt.getTime() : null });
      await recordFenceEnforcement({ member, trigger, answeredAt, wasRunning: outcome.wasRunning, stoppedAt, ok: true, outcome: summary, commands });
      this.#lastFailure.delete(member.hostId);
      this.#log.warn(`[tandem] ${summary}`);
      notifyWebhooks({ event: 'fence.enforced', severity: outcome.wasRunning ? 'critical' : 'warning', cluster: { id: member.clusterId, name: member.clusterName }, summary });
    } catch (error: unknown) {
      await this.#failed(member, trigger, answeredAt, true, commands, error);
    } finally {
      session.close();
    }
  }

  async #failed(member: FencedMember, trigger: Trigger, answeredAt: Date, reached: boolean, commands: readonly string[], error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const last = this.#lastFailure.get(member.hostId) ?? -Infinity;
    if (Date.now() - last < FAILURE_RECORD_MS) return;
    this.#lastFailure.set(member.hostId, Date.now());
    const outcome = `Tandem could not fence ${member.name} of ${member.clusterName}${reached ? '' : ' (SSH did not answer)'}: ${reason} Stop PostgreSQL on ${member.name} by hand now; it is fenced and must not take writes.`;
    this.#log.error(`[tandem] ${outcome}`);
    try {
      await recordFenceEnforcement({ member, trigger, answeredAt, wasRunning: trigger === 'writable', stoppedAt: null, ok: false, outcome, commands });
    } catch (recordError: unknown) {
      this.#log.error(`[tandem] could not record the failed fence of ${member.name}: ${recordError instanceof Error ? recordError.message : String(recordError)}`);
    }
    notifyWebhooks({ event: 'fence.failed', severity: 'critical', cluster: { id: member.clusterId, name: member.clusterName }, summary: outcome });
  }
}
