import 'server-only';
import { cache } from 'react';
import { loadHostTarget } from '@/lib/db/hosts';
import { latestClusterTicks } from '@/lib/monitor/poller';
import { isPgError } from '@/lib/pg/errors';
import { psqlOverSsh } from '@/lib/pg/psql-over-ssh';
import { sql } from '@/lib/pg/sql';
import { isSshError } from '@/lib/ssh/errors';
import { memberStatesFromTick } from './tick-member-states';

export type MemberState =
  | { reachable: true; inRecovery: boolean; receiver: string | null }
  | { reachable: false; error: string };

const STATE_SQL = sql`SELECT pg_is_in_recovery()::text AS in_recovery, (SELECT status FROM pg_stat_wal_receiver) AS receiver`;

const READ_TIMEOUT_MS = 5_000;

/** One member's state, read once per page request: the topology and the failover forms share it. */
const readMemberState = cache(async (id: number): Promise<MemberState> => {
  const host = await loadHostTarget(id);
  if (!host) return { reachable: false, error: 'not in the inventory any more' };
  try {
    const row = (await psqlOverSsh({ ...host.target, connectTimeoutMs: READ_TIMEOUT_MS }, STATE_SQL, { port: host.pgPort, timeoutMs: READ_TIMEOUT_MS })).rows[0];
    return { reachable: true, inRecovery: row?.in_recovery === 'true', receiver: row?.receiver ?? null };
  } catch (error) {
    if (isSshError(error) || isPgError(error)) return { reachable: false, error: error.message };
    throw error;
  }
});

/**
 * Each member's role as PostgreSQL itself reports it now (in recovery or not, its WAL
 * receiver), read in parallel with a short timeout, so the
 * topology never shows what a stale record says. A host that does not answer says why.
 */
export async function readMemberStates(hostIds: number[]): Promise<Map<number, MemberState>> {
  return new Map(await Promise.all(hostIds.map(async (id): Promise<[number, MemberState]> => [id, await readMemberState(id)])));
}

/**
 * The members' states for the cluster page: from the poller's latest tick when this instance
 * polls the cluster and the tick is fresh (no SSH or psql per render: the poller already
 * asked), else read from each member.
 */
export async function currentMemberStates(clusterId: number, hostIds: number[]): Promise<Map<number, MemberState>> {
  return memberStatesFromTick(latestClusterTicks().get(clusterId), hostIds, Date.now()) ?? readMemberStates(hostIds);
}
