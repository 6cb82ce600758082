import { describe, expect, it } from 'vitest';
import { canAddReplica, type AddReplicaFacts } from './add-replica-preconditions';

const members = [{ hostId: 3, role: 'replica' as const }, { hostId: 1, role: 'primary' as const }, { hostId: 2, role: 'replica' as const }];
const facts = (cluster: Partial<AddReplicaFacts['cluster']> = {}, host: AddReplicaFacts['host'] = { name: 'pg4', memberOf: null }): AddReplicaFacts => ({
  cluster: { name: 'orders', status: 'active', replicationPasswordKnown: true, members, ...cluster }, host,
});
const said = (verdict: ReturnType<typeof canAddReplica>) => (verdict.ok ? null : verdict.refusals);

describe('canAddReplica', () => {
  it('gives the primary and the existing replicas in member order for a free host and an active cluster', () => {
    expect(canAddReplica(facts())).toEqual({ ok: true, primaryId: 1, replicaIds: [3, 2] });
    expect(canAddReplica(facts({ members: [{ hostId: 1, role: 'primary' }] }))).toEqual({ ok: true, primaryId: 1, replicaIds: [] });
  });

  it('needs the replication password before anything else', () => {
    expect(said(canAddReplica(facts({ replicationPasswordKnown: false, status: 'failed' }, null)))).toEqual([{
      field: null,
      message: "Tandem does not know the replication password of cluster orders (it was imported, not set up by Tandem), and a new replica needs it to log in. Give Tandem the role's password first; nothing was run.",
    }]);
  });

  it('adds replicas only to an active cluster', () => {
    expect(said(canAddReplica(facts({ status: 'setting_up' })))).toEqual([{ field: null, message: 'Cluster orders is setting up; replicas are added only to an active cluster.' }]);
    expect(said(canAddReplica(facts({ status: 'failed' })))?.[0]?.message).toBe('Cluster orders is failed; replicas are added only to an active cluster.');
  });

  it('needs a primary on record', () => {
    expect(said(canAddReplica(facts({ members: members.filter((member) => member.role === 'replica') })))).toEqual([{ field: null, message: 'Cluster orders has no primary on record.' }]);
  });

  it('refuses, at the host field, a host no longer in the inventory or already in a cluster', () => {
    expect(said(canAddReplica(facts({}, null)))).toEqual([{ field: 'hostId', message: 'This host is no longer in the inventory.' }]);
    expect(said(canAddReplica(facts({}, { name: 'pg4', memberOf: 'billing' })))).toEqual([{ field: 'hostId', message: 'pg4 already belongs to cluster billing.' }]);
  });
});
