import 'server-only';
import { db } from '@/lib/db/client';
import { saveDiscovery } from '@/lib/db/discovery';
import { loadHostTarget } from '@/lib/db/hosts';
import { discoverHost } from '@/lib/discovery/discover-host';
import { isPgError } from '@/lib/pg/errors';
import { psqlOverSsh } from '@/lib/pg/psql-over-ssh';
import { sql } from '@/lib/pg/sql';
import { isSshError } from '@/lib/ssh/errors';
import type { ImportProbe } from './import-decide';
import { receiverOf, sendersOf } from './import-parse';

const PROBE_TIMEOUT_MS = 15_000;

/** Read-only: recovery state, version, sync names, walsenders with their slots, and the WAL receiver (all its columns, whatever the version has). */
const REPLICATION_SQL = sql`SELECT pg_is_in_recovery()::text AS in_recovery,
  current_setting('server_version_num') AS version_num,
  current_setting('synchronous_standby_names') AS sync_names,
  (SELECT coalesce(json_agg(json_build_object('clientAddr', host(r.client_addr), 'applicationName', r.application_name, 'state', r.state,
    'syncState', r.sync_state, 'usename', r.usename, 'slotName', s.slot_name)), '[]')
   FROM pg_stat_replication r LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid)::text AS senders,
  (SELECT coalesce(json_agg(to_jsonb(w)), '[]') FROM pg_stat_wal_receiver w)::text AS receivers`;

async function memberships(hostIds: number[]): Promise<Map<number, string>> {
  const rows = await (await db()).clusterMember.findMany({ where: { hostId: { in: hostIds } }, select: { hostId: true, cluster: { select: { name: true } } } });
  return new Map(rows.map((row) => [row.hostId, row.cluster.name]));
}

async function probeHost(id: number, memberOf: string | null): Promise<ImportProbe> {
  const host = await loadHostTarget(id);
  if (!host) throw new Error(`Host ${id} no longer exists`);
  const base = { hostId: id, name: host.name, address: host.target.address, aliases: [host.name], memberOf, major: null, inRecovery: null, synchronousStandbyNames: '', walSenders: [], receiver: null };
  if (memberOf) return { ...base, error: null };
  if (!host.target.pinnedHostKey) return { ...base, error: 'its SSH host key is not pinned; accept it on the host page first.' };
  const outcome = await discoverHost(host.target, host.pgPort);
  await saveDiscovery(id, outcome);
  if (!outcome.ok) return { ...base, error: `${outcome.message} ${outcome.hint}` };
  const aliases = [host.name, outcome.facts.hostname];
  if (!outcome.facts.cluster?.running) return { ...base, aliases, error: 'PostgreSQL is not running there.' };
  try {
    const row = (await psqlOverSsh(host.target, REPLICATION_SQL, { port: host.pgPort, timeoutMs: PROBE_TIMEOUT_MS })).rows[0];
    if (!row) return { ...base, aliases, error: 'PostgreSQL returned no answer.' };
    return {
      ...base,
      aliases,
      error: null,
      major: Math.floor(Number(row.version_num) / 10_000) || null,
      inRecovery: row.in_recovery === 'true',
      synchronousStandbyNames: row.sync_names ?? '',
      walSenders: sendersOf(row.senders ?? null),
      receiver: receiverOf(row.receivers ?? null),
    };
  } catch (error) {
    if (isPgError(error) || isSshError(error)) return { ...base, aliases, error: error.message };
    throw error;
  }
}

/**
 * Reads each chosen host as it is now, changing nothing on any of them: discovery (stored,
 * as Test connection would) and one read-only query of its replication state. A host
 * already in a cluster is not contacted.
 */
export async function probeImportHosts(hostIds: number[]): Promise<ImportProbe[]> {
  const taken = await memberships(hostIds);
  return Promise.all(hostIds.map((id) => probeHost(id, taken.get(id) ?? null)));
}
