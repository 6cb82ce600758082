/** What Tandem records about the cluster to grow and the host chosen for it, read before any host is contacted. */
export interface AddReplicaFacts {
  readonly cluster: {
    readonly name: string;
    /** The cluster's status as recorded: `active`, `setting_up` or `failed`. */
    readonly status: string;
    /** Whether Tandem holds the replication password (an imported cluster does not): the new replica logs in with it. */
    readonly replicationPasswordKnown: boolean;
    readonly members: readonly { readonly hostId: number; readonly role: 'primary' | 'replica' }[];
  };
  /** The chosen host and the cluster it already belongs to, if any; null when it left the inventory. */
  readonly host: { readonly name: string; readonly memberOf: string | null } | null;
}

/** One reason no replica can be added now, with the form field it concerns (null: the cluster as it is). */
export interface AddReplicaRefusalReason {
  readonly field: 'hostId' | null;
  readonly message: string;
}

export type AddReplicaVerdict =
  | { readonly ok: true; readonly primaryId: number; readonly replicaIds: readonly number[] }
  /** The refusal of the first check that fails: what a person is told. */
  | { readonly ok: false; readonly refusals: readonly [AddReplicaRefusalReason, ...AddReplicaRefusalReason[]] };

const refuse = (field: AddReplicaRefusalReason['field'], message: string): AddReplicaVerdict => ({ ok: false, refusals: [{ field, message }] });

/**
 * Whether a replica may be added to this cluster on this host, from Tandem's records alone.
 * Checked in this order, each assuming the ones before passed: the replication password
 * is known; the cluster is active; it has a primary on record; the host is still in the
 * inventory and belongs to no cluster. Gives the primary and the existing replicas (in
 * member order) whose facts the preflight reads. Pure.
 */
export function canAddReplica(facts: AddReplicaFacts): AddReplicaVerdict {
  const { cluster, host } = facts;
  if (!cluster.replicationPasswordKnown) {
    return refuse(null, `Tandem does not know the replication password of cluster ${cluster.name} (it was imported, not set up by Tandem), and a new replica needs it to log in. Give Tandem the role's password first; nothing was run.`);
  }
  if (cluster.status !== 'active') return refuse(null, `Cluster ${cluster.name} is ${cluster.status.replace('_', ' ')}; replicas are added only to an active cluster.`);
  const primary = cluster.members.find((member) => member.role === 'primary');
  if (!primary) return refuse(null, `Cluster ${cluster.name} has no primary on record.`);
  if (!host) return refuse('hostId', 'This host is no longer in the inventory.');
  if (host.memberOf !== null) return refuse('hostId', `${host.name} already belongs to cluster ${host.memberOf}.`);
  return { ok: true, primaryId: primary.hostId, replicaIds: cluster.members.filter((member) => member.role === 'replica').map((member) => member.hostId) };
}
