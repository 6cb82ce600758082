import 'server-only';
import { db } from '@/lib/db/client';
import { saveDiscovery } from '@/lib/db/discovery';
import { loadHostTarget } from '@/lib/db/hosts';
import { discoverHost } from '@/lib/discovery/discover-host';
import { readMemberStatus } from '@/lib/members/read-status';
import type { ImportProbe } from './import-decide';
import { importFacts } from './import-parse';

const PROBE_TIMEOUT_MS = 15_000;

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
  const read = await readMemberStatus(host.target, host.pgPort, PROBE_TIMEOUT_MS);
  if (!read.reachable) return { ...base, aliases, error: read.error };
  return { ...base, aliases, error: null, ...importFacts(read.status) };
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
