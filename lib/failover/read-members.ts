import 'server-only';
import { loadFailoverCluster, latestStoredLsn, type FailoverClusterRecord, type FailoverMemberRecord } from '@/lib/db/failover';
import { loadHostTarget } from '@/lib/db/hosts';
import { isPgError } from '@/lib/pg/errors';
import { psqlOverSsh } from '@/lib/pg/psql-over-ssh';
import { sql } from '@/lib/pg/sql';
import { isSshError } from '@/lib/ssh/errors';
import { assessCandidates } from './candidates';
import type { Assessment, MemberReading } from './types';

const READ_TIMEOUT_MS = 3_000;

export const READING_SQL = sql`SELECT pg_is_in_recovery()::text AS in_recovery,
  CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END AS current_lsn,
  pg_last_wal_receive_lsn()::text AS receive_lsn,
  pg_last_wal_replay_lsn()::text AS replay_lsn,
  (extract(epoch FROM pg_last_xact_replay_timestamp()) * 1000)::bigint::text AS last_replay_ms,
  (SELECT timeline_id FROM pg_control_checkpoint())::text AS timeline,
  (SELECT received_tli FROM pg_stat_wal_receiver)::text AS received_tli,
  (SELECT status FROM pg_stat_wal_receiver) AS receiver_status,
  (SELECT sender_host FROM pg_stat_wal_receiver) AS sender_host,
  (SELECT slot_name FROM pg_stat_wal_receiver) AS slot_name,
  CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused()::text END AS replay_paused,
  current_setting('data_directory') AS data_directory`;

const num = (value: string | null | undefined): number | null => (value === null || value === undefined || value === '' ? null : Number(value));

async function readOne(member: FailoverMemberRecord): Promise<MemberReading> {
  const base = {
    hostId: member.hostId, name: member.name, address: member.address, pgPort: member.pgPort, role: member.role, fenced: member.fenced,
  };
  const empty = {
    inRecovery: null, currentLsn: null, receiveLsn: null, replayLsn: null, lastReplayAt: null, timeline: null, receivedTli: null,
    receiverStatus: null, senderHost: null, slotName: null, replayPaused: null, dataDirectory: member.dataDirectory,
  };
  const host = await loadHostTarget(member.hostId);
  if (!host) return { ...base, ...empty, reachable: false, error: 'not in the inventory any more' };
  try {
    const row = (await psqlOverSsh({ ...host.target, connectTimeoutMs: READ_TIMEOUT_MS }, READING_SQL, { port: host.pgPort, timeoutMs: READ_TIMEOUT_MS })).rows[0] ?? {};
    const lastReplay = num(row.last_replay_ms);
    return {
      ...base, reachable: true, error: null,
      inRecovery: row.in_recovery === 'true',
      currentLsn: row.current_lsn ?? null, receiveLsn: row.receive_lsn ?? null, replayLsn: row.replay_lsn ?? null,
      lastReplayAt: lastReplay === null ? null : new Date(lastReplay).toISOString(),
      timeline: num(row.timeline), receivedTli: num(row.received_tli), receiverStatus: row.receiver_status ?? null,
      senderHost: row.sender_host ?? null, slotName: row.slot_name ?? null,
      replayPaused: row.replay_paused === null || row.replay_paused === undefined ? null : row.replay_paused === 'true',
      dataDirectory: row.data_directory ?? member.dataDirectory,
    };
  } catch (error) {
    if (isSshError(error) || isPgError(error)) return { ...base, ...empty, reachable: false, error: error.message.split('\n')[0] ?? 'no reply' };
    throw error;
  }
}

/** Every member read now, in parallel, each within a few seconds (a dead host costs one timeout, not one per host). */
export async function readMembers(record: FailoverClusterRecord): Promise<MemberReading[]> {
  return Promise.all(record.members.map(readOne));
}

/** The cluster and a fresh assessment of its candidates (never from stored samples, except as a floor for the reference LSN). */
export async function assessCluster(clusterId: number): Promise<{ record: FailoverClusterRecord; readings: MemberReading[]; assessment: Assessment } | null> {
  const record = await loadFailoverCluster(clusterId);
  if (!record) return null;
  const [readings, stored] = await Promise.all([readMembers(record), latestStoredLsn(clusterId)]);
  return { record, readings, assessment: assessCandidates(readings, stored, new Date()) };
}
