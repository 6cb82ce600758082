import { replicaNames } from '@/lib/replication/names';

/** One walsender as the primary's `pg_stat_replication` (joined with `pg_replication_slots`) shows it. */
export interface ObservedWalSender {
  readonly clientAddr: string | null;
  readonly applicationName: string;
  readonly state: string;
  readonly syncState: string;
  readonly usename: string;
  readonly slotName: string | null;
}

/** The WAL receiver of a host in recovery (`pg_stat_wal_receiver`). */
export interface ObservedReceiver {
  readonly status: string;
  /** `sender_host`, or the `host=` of `conninfo` where the server has no `sender_host` column. */
  readonly senderHost: string | null;
}

/** What PostgreSQL on one chosen host reported; `error` is set when it could not be read. */
export interface ImportProbe {
  readonly hostId: number;
  readonly name: string;
  readonly address: string;
  /** Names this host may appear as in a replica's `sender_host` besides its address. */
  readonly aliases: readonly string[];
  readonly memberOf: string | null;
  readonly error: string | null;
  readonly major: number | null;
  readonly inRecovery: boolean | null;
  readonly synchronousStandbyNames: string;
  readonly walSenders: readonly ObservedWalSender[];
  readonly receiver: ObservedReceiver | null;
}

export interface ImportedMember {
  readonly hostId: number;
  readonly name: string;
  readonly role: 'primary' | 'replica';
  readonly applicationName: string;
  readonly slotName: string | null;
  readonly syncState: string | null;
}

/** What is recorded in `Cluster.settings` for an imported cluster: only what was observed. */
export interface ImportedSettings {
  readonly clusterName: string;
  readonly roleName: string;
  readonly slots: boolean;
  readonly mode: 'async' | 'sync';
  readonly imported: true;
}

export interface ImportShape {
  readonly pgMajor: number;
  readonly replicationRole: string;
  readonly settings: ImportedSettings;
  readonly members: readonly ImportedMember[];
  readonly notes: readonly string[];
}

export type ImportDecision = { readonly ok: true; readonly shape: ImportShape } | { readonly ok: false; readonly reasons: readonly string[] };

const same = (a: string | null, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

function streamingSender(primary: ImportProbe, replica: ImportProbe): ObservedWalSender | undefined {
  const fromReplica = primary.walSenders.filter((sender) => same(sender.clientAddr, replica.address));
  return fromReplica.find((sender) => sender.state === 'streaming');
}

type Link = { readonly replica: ImportProbe; readonly sender: ObservedWalSender };

function link(primary: ImportProbe, replica: ImportProbe): Link | { readonly reason: string } {
  const from = `${primary.name} (${primary.address})`;
  if (!replica.receiver) return { reason: `${replica.name} is in recovery but has no WAL receiver: it does not stream from ${from}.` };
  if (replica.receiver.status !== 'streaming') return { reason: `${replica.name}'s WAL receiver is ${replica.receiver.status}, not streaming from ${from}.` };
  const source = replica.receiver.senderHost;
  if (source === null || ![primary.address, ...primary.aliases].some((name) => same(source, name))) {
    return { reason: `${replica.name} streams from ${source ?? 'an unknown host'}, not from ${from}.` };
  }
  const sender = streamingSender(primary, replica);
  if (!sender) return { reason: `${primary.name} has no streaming walsender to ${replica.address} in pg_stat_replication, so ${replica.name} does not stream from it.` };
  return { replica, sender };
}

function primaryApplicationName(primary: ImportProbe, taken: ReadonlySet<string>): string {
  const derived = replicaNames(primary.name).applicationName;
  return taken.has(derived) ? `${derived}_primary` : derived;
}

function readable(probes: readonly ImportProbe[]): string[] {
  const reasons: string[] = [];
  for (const probe of probes) {
    if (probe.memberOf) reasons.push(`${probe.name} already belongs to cluster ${probe.memberOf}.`);
    if (probe.error) reasons.push(`${probe.name} could not be read: ${probe.error}`);
  }
  return reasons;
}

function versionReason(probes: readonly ImportProbe[]): string | null {
  const majors = new Set(probes.map((probe) => probe.major));
  if (majors.size <= 1) return null;
  return `Major versions differ: ${probes.map((probe) => `${probe.name} ${probe.major ?? 'unknown'}`).join(', ')}. Streaming replication needs one major version.`;
}

function primaryOf(probes: readonly ImportProbe[]): { primary: ImportProbe } | { reason: string } {
  const primaries = probes.filter((probe) => probe.inRecovery === false);
  if (primaries.length === 0) return { reason: 'None of the chosen hosts accepts writes (every one is in recovery): there is no primary to import. Add the primary to the selection.' };
  const [primary, ...others] = primaries;
  if (!primary || others.length > 0) {
    return { reason: `${primaries.map((probe) => probe.name).join(' and ')} are all out of recovery (each accepts writes): a set has exactly one primary. Leave the others out, or rebuild them as replicas first.` };
  }
  return { primary };
}

function shapeOf(primary: ImportProbe, senders: readonly Link[], clusterName: string): ImportDecision {
  const replicas = senders.map(({ replica }) => replica);
  const reasons: string[] = [];
  const roles = [...new Set(senders.map(({ sender }) => sender.usename))];
  if (roles.length > 1) reasons.push(`The replicas log in as different roles (${roles.join(', ')}); Tandem records one replication role per cluster.`);
  const byName = new Map<string, string[]>();
  for (const { replica, sender } of senders) byName.set(sender.applicationName, [...(byName.get(sender.applicationName) ?? []), replica.name]);
  for (const [name, hosts] of byName) {
    if (hosts.length > 1) reasons.push(`${hosts.join(' and ')} all connect with application_name '${name}'; Tandem tells replicas apart by it. Give each replica its own application_name in primary_conninfo, then import again.`);
  }
  if (reasons.length > 0) return { ok: false, reasons };
  const withSlots = senders.filter(({ sender }) => sender.slotName !== null).length;
  const sync = primary.synchronousStandbyNames.trim() !== '' || senders.some(({ sender }) => sender.syncState === 'sync' || sender.syncState === 'quorum');
  const notes: string[] = [];
  if (withSlots > 0 && withSlots < senders.length) notes.push(`Only ${withSlots} of ${senders.length} replicas use a replication slot; recorded as using slots.`);
  const ours = new Set(replicas.map((replica) => replica.address.toLowerCase()));
  const unlisted = primary.walSenders.filter((sender) => !ours.has((sender.clientAddr ?? '').toLowerCase()));
  if (unlisted.length > 0) notes.push(`${primary.name} also streams to ${unlisted.map((sender) => sender.clientAddr ?? 'a local connection').join(', ')}, which ${unlisted.length === 1 ? 'is' : 'are'} not part of this import.`);
  const replicaMembers: ImportedMember[] = senders.map(({ replica, sender }) => ({
    hostId: replica.hostId, name: replica.name, role: 'replica', applicationName: sender.applicationName, slotName: sender.slotName, syncState: sender.syncState,
  }));
  const primaryMember: ImportedMember = {
    hostId: primary.hostId, name: primary.name, role: 'primary', applicationName: primaryApplicationName(primary, new Set(byName.keys())), slotName: null, syncState: null,
  };
  const replicationRole = roles[0] ?? '';
  return {
    ok: true,
    shape: {
      pgMajor: primary.major ?? 0,
      replicationRole,
      settings: { clusterName, roleName: replicationRole, slots: withSlots > 0, mode: sync ? 'sync' : 'async', imported: true },
      members: [primaryMember, ...replicaMembers],
      notes,
    },
  };
}

/**
 * Decides from what each chosen host reported whether they form one primary with
 * streaming replicas, and if so the cluster Tandem records: exactly one host out of
 * recovery; every other host in recovery with a streaming WAL receiver whose sender is
 * the primary, matched by a streaming walsender on the primary from the replica's
 * address; one major version; no host already in a cluster. Pure: decides only, so the
 * caller changes nothing on a refusal. Every reason found is returned, not just the first.
 */
export function decideImport(probes: readonly ImportProbe[], clusterName: string): ImportDecision {
  if (probes.length < 2) return { ok: false, reasons: ['Choose the primary and at least one replica.'] };
  const unreadable = readable(probes);
  if (unreadable.length > 0) return { ok: false, reasons: unreadable };
  const reasons: string[] = [];
  const version = versionReason(probes);
  if (version) reasons.push(version);
  const found = primaryOf(probes);
  if ('reason' in found) return { ok: false, reasons: [...reasons, found.reason] };
  const links: Link[] = [];
  for (const replica of probes.filter((probe) => probe !== found.primary)) {
    const linked = link(found.primary, replica);
    if ('reason' in linked) reasons.push(linked.reason);
    else links.push(linked);
  }
  if (reasons.length > 0) return { ok: false, reasons };
  return shapeOf(found.primary, links, clusterName);
}
