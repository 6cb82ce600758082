import type { BackupEntry } from '@/lib/backup/info';
import type { RepositorySpace } from '@/lib/backup/repository-forecast';
import { backupOverdue, type BackupSchedule, type DrillRecord } from '@/lib/backup/schedule';
import type { ClusterTick, MemberPoll, ReplicaSample } from '@/lib/monitor/types';
import { formatBytes } from '@/lib/format/bytes';
import { archiveFailingVerdict, archiveReadyVerdict, type ArchiveVerdict } from './archive-conditions';
import { drillFailedVerdict, drillStaleVerdict, repositoryFullVerdict } from './backup-conditions';
import type { AlertMetric, AlertRuleSpec, AlertSeverity } from './rules';

/**
 * One watched condition as seen in one tick. `unknown` means this tick cannot tell (no
 * writable member answered, and replica lag and slots are read on the primary): an open alert
 * stays open, a pending one restarts.
 */
export interface ConditionReading {
  readonly key: string;
  readonly metric: AlertMetric;
  readonly severity: AlertSeverity;
  readonly hostId: number | null;
  readonly subject: string;
  readonly state: 'firing' | 'clear' | 'unknown';
  readonly summary: string;
}

/** When the certificate Tandem issued a member expires. */
export interface CertificateExpiry {
  readonly hostId: number;
  readonly hostName: string;
  readonly notAfter: Date;
}

/** A cluster's scheduled backups as the alert judges them: the schedule and the backups its repositories hold. */
export interface BackupFreshness {
  readonly schedule: BackupSchedule;
  readonly backups: readonly BackupEntry[];
}

export interface ConditionContext {
  readonly hoursToDiskFull: number | null;
  readonly certificates: readonly CertificateExpiry[];
  /** Null when the cluster has no enabled backups on a schedule. */
  readonly backups: BackupFreshness | null;
  /** The capacity of the cluster's backup repositories; none while backups are not enabled. */
  readonly repositories: readonly RepositorySpace[];
  /** Null while the cluster's backups are not enabled. */
  readonly drills: DrillRecord | null;
}

/** What a tick is judged with besides itself (the retention forecast comes from the alert state). */
export type ClusterFacts = Omit<ConditionContext, 'hoursToDiskFull'>;
export const NO_CLUSTER_FACTS: ClusterFacts = { certificates: [], backups: null, repositories: [], drills: null };

const DAY_MS = 86_400_000;

function expirySummary(certificate: CertificateExpiry, at: Date): string {
  const date = certificate.notAfter.toISOString().slice(0, 10);
  const days = Math.floor((certificate.notAfter.getTime() - at.getTime()) / DAY_MS);
  return days < 0
    ? `${certificate.hostName}'s TLS certificate expired on ${date}: replication and monitoring refuse it; renew it from the cluster page`
    : `${certificate.hostName}'s TLS certificate expires in ${days} day${days === 1 ? '' : 's'} (${date}); renew it from the cluster page`;
}

const DOWN_STATUSES = new Set(['disconnected', 'stalled', 'unreachable']);
const LOSING_WAL = new Set(['unreserved', 'lost']);

export const conditionKey = (metric: AlertMetric, severity: AlertSeverity, subject: string): string =>
  subject ? `${metric}:${severity}:${subject}` : `${metric}:${severity}`;

/** Time lag of a replica in ms: the heartbeat when present, else replay_lag; null is idle, not lag. */
export function timeLagMs(replica: ReplicaSample): number | null {
  return replica.heartbeatLagMs ?? replica.replayLagMs;
}

/**
 * Reads every enabled rule's conditions from one tick: one per replica for replica rules,
 * one per slot for slot rules, one per member for archive rules, one per repository host
 * repository for its capacity, one per cluster otherwise. Pure.
 */
export function readConditions(tick: ClusterTick, rules: readonly AlertRuleSpec[], context: ConditionContext): ConditionReading[] {
  const names = new Map(tick.members.map((member) => [member.hostId, member.hostName]));
  const primary = tick.members.find((member) => member.hostId === tick.recordedPrimaryHostId);
  const primaryDown = tick.writableHostIds.length === 0;
  const readings: ConditionReading[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const base = { metric: rule.metric, severity: rule.severity };
    const wholeVerdict = ({ state, summary }: Pick<ConditionReading, 'state' | 'summary'>) =>
      readings.push({ ...base, key: conditionKey(rule.metric, rule.severity, ''), hostId: null, subject: '', summary, state });
    const whole = (firing: boolean | null, summary: string) => wholeVerdict({ summary, state: firing === null ? 'unknown' : firing ? 'firing' : 'clear' });
    const perReplica = (test: (replica: ReplicaSample, name: string) => string | null) => {
      for (const replica of tick.replicas) {
        const name = names.get(replica.hostId) ?? `host ${replica.hostId}`;
        const summary = primaryDown ? null : test(replica, name);
        const state = primaryDown ? 'unknown' : summary ? 'firing' : 'clear';
        readings.push({ ...base, key: conditionKey(rule.metric, rule.severity, `host:${replica.hostId}`), hostId: replica.hostId, subject: name, state, summary: summary ?? '' });
      }
    };
    const perMember = (verdict: (member: MemberPoll) => ArchiveVerdict) => {
      for (const member of tick.members) {
        const { state, summary } = verdict(member);
        readings.push({ ...base, key: conditionKey(rule.metric, rule.severity, `host:${member.hostId}`), hostId: member.hostId, subject: member.hostName, state, summary });
      }
    };
    const limit = rule.threshold ?? Number.POSITIVE_INFINITY;
    switch (rule.metric) {
      case 'replay_lag_bytes':
        perReplica((replica, name) =>
          replica.replayBytes !== null && replica.replayBytes > limit ? `${name} is ${formatBytes(replica.replayBytes)} behind in replay (limit ${formatBytes(limit)})` : null,
        );
        break;
      case 'replay_lag_seconds':
        perReplica((replica, name) => {
          const lag = timeLagMs(replica);
          return lag !== null && lag > limit * 1000 ? `${name} replays ${(lag / 1000).toFixed(1)} s behind (limit ${limit} s)` : null;
        });
        break;
      case 'replica_down':
        perReplica((replica, name) => (DOWN_STATUSES.has(replica.status) ? `${name} is ${replica.status}` : null));
        break;
      case 'slot_wal_status':
        for (const slot of tick.slots) {
          const firing = slot.walStatus !== null && LOSING_WAL.has(slot.walStatus);
          readings.push({
            ...base,
            key: conditionKey(rule.metric, rule.severity, `slot:${slot.slotName}`),
            hostId: null,
            subject: slot.slotName,
            state: primaryDown ? 'unknown' : firing ? 'firing' : 'clear',
            summary: firing ? `Slot ${slot.slotName} has wal_status ${slot.walStatus}: its replica may need WAL that is gone` : '',
          });
        }
        break;
      case 'primary_unreachable':
        whole(primary === undefined ? false : !primary.reachable, primary ? `Primary ${primary.hostName} does not answer${primary.error ? `: ${primary.error}` : ''}` : '');
        break;
      case 'disk_forecast_hours': {
        const hours = context.hoursToDiskFull;
        whole(primaryDown ? null : hours !== null && hours < limit, hours === null ? '' : `WAL disk on the primary full in about ${hours.toFixed(1)} h at the current retention growth`);
        break;
      }
      case 'certificate_expiry_days':
        for (const certificate of context.certificates) {
          const firing = certificate.notAfter.getTime() - tick.at.getTime() < limit * DAY_MS;
          readings.push({
            ...base,
            key: conditionKey(rule.metric, rule.severity, `host:${certificate.hostId}`),
            hostId: certificate.hostId,
            subject: certificate.hostName,
            state: firing ? 'firing' : 'clear',
            summary: firing ? expirySummary(certificate, tick.at) : '',
          });
        }
        break;
      case 'archive_failing':
        perMember((member) => archiveFailingVerdict(member, tick.at));
        break;
      case 'archive_ready_segments':
        perMember((member) => archiveReadyVerdict(member, limit, tick.at));
        break;
      case 'backup_overdue':
        if (context.backups) {
          const overdue = backupOverdue(context.backups.schedule, context.backups.backups, tick.at, limit);
          const newest = context.backups.backups.filter((backup) => !backup.error).map((backup) => backup.stoppedAt).sort().at(-1);
          whole(overdue, `No good backup since ${newest ?? 'backups were enabled'}: the schedule promised one within ${Math.min(...[context.backups.schedule.fullEveryHours, context.backups.schedule.diffEveryHours, context.backups.schedule.incrEveryHours].filter((hours) => hours > 0))} h (margin ${limit} h); look at the cluster's backup operations`);
        }
        break;
      case 'backup_repository_full_days':
        for (const space of context.repositories) {
          if (space.kind !== 'host') continue;
          const { state, summary } = repositoryFullVerdict(space, limit);
          readings.push({ ...base, key: conditionKey(rule.metric, rule.severity, `repo:${space.repository}`), hostId: null, subject: `repo${space.repository}`, state, summary });
        }
        break;
      case 'restore_drill_failed':
        if (context.drills) wholeVerdict(drillFailedVerdict(context.drills));
        break;
      case 'restore_drill_stale':
        if (context.drills) wholeVerdict(drillStaleVerdict(context.drills, tick.at, limit));
        break;
      case 'two_primaries': {
        const writable = tick.writableHostIds.map((id) => names.get(id) ?? `host ${id}`);
        whole(writable.length > 1, `${writable.length} members accept writes: ${writable.join(', ')}`);
        break;
      }
    }
  }
  return readings;
}
