import { describe, expect, it } from 'vitest';
import { decideImport, type ImportProbe, type ObservedWalSender } from './import-decide';

const sender = (clientAddr: string, overrides: Partial<ObservedWalSender> = {}): ObservedWalSender => ({
  clientAddr, applicationName: `app_${clientAddr.split('.').at(-1) ?? ''}`, state: 'streaming', syncState: 'async', usename: 'replicator', slotName: null, ...overrides,
});

function primary(overrides: Partial<ImportProbe> = {}): ImportProbe {
  return {
    hostId: 1, name: 'db1', address: '10.0.0.1', aliases: ['db1'], memberOf: null, error: null, major: 15, inRecovery: false,
    synchronousStandbyNames: '', walSenders: [sender('10.0.0.2'), sender('10.0.0.3')], receiver: null, ...overrides,
  };
}

function replica(n: number, overrides: Partial<ImportProbe> = {}): ImportProbe {
  return {
    hostId: n, name: `db${n}`, address: `10.0.0.${n}`, aliases: [`db${n}`], memberOf: null, error: null, major: 15, inRecovery: true,
    synchronousStandbyNames: '', walSenders: [], receiver: { status: 'streaming', senderHost: '10.0.0.1' }, ...overrides,
  };
}

const reasonsOf = (probes: ImportProbe[]) => {
  const decision = decideImport(probes, 'orders');
  if (decision.ok) throw new Error('expected a refusal');
  return decision.reasons;
};

describe('decideImport', () => {
  it('records one primary and its streaming replicas as found, async without slots', () => {
    const decision = decideImport([replica(2), primary(), replica(3)], 'orders');
    expect(decision).toEqual({
      ok: true,
      shape: {
        pgMajor: 15,
        replicationRole: 'replicator',
        settings: { clusterName: 'orders', roleName: 'replicator', slots: false, mode: 'async', imported: true },
        members: [
          { hostId: 1, name: 'db1', role: 'primary', applicationName: 'db1', slotName: null, syncState: null },
          { hostId: 2, name: 'db2', role: 'replica', applicationName: 'app_2', slotName: null, syncState: 'async' },
          { hostId: 3, name: 'db3', role: 'replica', applicationName: 'app_3', slotName: null, syncState: 'async' },
        ],
        notes: [],
      },
    });
  });

  it('reads slots from the walsender join and sync from sync_state or synchronous_standby_names', () => {
    const slotted = primary({ walSenders: [sender('10.0.0.2', { slotName: 's2', syncState: 'quorum' })] });
    const decision = decideImport([slotted, replica(2)], 'orders');
    expect(decision.ok && decision.shape.settings).toMatchObject({ slots: true, mode: 'sync' });
    expect(decision.ok && decision.shape.members[1]).toMatchObject({ slotName: 's2', syncState: 'quorum' });
    const named = decideImport([primary({ synchronousStandbyNames: 'FIRST 1 (app_2)', walSenders: [sender('10.0.0.2', { syncState: 'potential' })] }), replica(2)], 'orders');
    expect(named.ok && named.shape.settings.mode).toBe('sync');
  });

  it('notes a mix of slots and walsenders to hosts outside the import', () => {
    const decision = decideImport([primary({ walSenders: [sender('10.0.0.2', { slotName: 's2' }), sender('10.0.0.3'), sender('10.0.0.9')] }), replica(2), replica(3)], 'orders');
    expect(decision.ok && decision.shape.notes).toEqual([
      'Only 1 of 2 replicas use a replication slot; recorded as using slots.',
      'db1 also streams to 10.0.0.9, which is not part of this import.',
    ]);
  });

  it('accepts a sender_host that names the primary instead of its address', () => {
    expect(decideImport([primary(), replica(2, { receiver: { status: 'streaming', senderHost: 'DB1' } })], 'orders').ok).toBe(true);
  });

  it('refuses a set without a primary', () => {
    expect(reasonsOf([replica(2), replica(3)])).toEqual([expect.stringMatching(/^None of the chosen hosts accepts writes/)]);
  });

  it('refuses two primaries', () => {
    expect(reasonsOf([primary(), primary({ hostId: 4, name: 'db4', address: '10.0.0.4' })])).toEqual([expect.stringMatching(/^db1 and db4 are all out of recovery/)]);
  });

  it('refuses a replica streaming from another host, or not streaming at all, naming each', () => {
    const reasons = reasonsOf([
      primary({ walSenders: [sender('10.0.0.2')] }),
      replica(2),
      replica(3, { receiver: { status: 'streaming', senderHost: '10.0.0.2' } }),
      replica(4, { receiver: null }),
      replica(5, { receiver: { status: 'waiting', senderHost: '10.0.0.1' } }),
    ]);
    expect(reasons).toEqual([
      'db3 streams from 10.0.0.2, not from db1 (10.0.0.1).',
      'db4 is in recovery but has no WAL receiver: it does not stream from db1 (10.0.0.1).',
      "db5's WAL receiver is waiting, not streaming from db1 (10.0.0.1).",
    ]);
  });

  it('refuses a replica the primary has no streaming walsender for, even if the replica names the primary', () => {
    const reasons = reasonsOf([primary({ walSenders: [sender('10.0.0.2', { state: 'catchup' })] }), replica(2)]);
    expect(reasons).toEqual(['db1 has no streaming walsender to 10.0.0.2 in pg_stat_replication, so db2 does not stream from it.']);
  });

  it('refuses different major versions', () => {
    expect(reasonsOf([primary(), replica(2, { major: 16 }), replica(3)])).toEqual(['Major versions differ: db1 15, db2 16, db3 15. Streaming replication needs one major version.']);
  });

  it('refuses hosts already in a cluster and hosts that could not be read, before judging the set', () => {
    expect(reasonsOf([primary({ memberOf: 'billing' }), replica(2, { error: 'SSH login failed.' })])).toEqual([
      'db1 already belongs to cluster billing.',
      'db2 could not be read: SSH login failed.',
    ]);
  });

  it('refuses replicas that share an application_name or log in as different roles', () => {
    expect(reasonsOf([primary({ walSenders: [sender('10.0.0.2', { applicationName: '15/main' }), sender('10.0.0.3', { applicationName: '15/main' })] }), replica(2), replica(3)]))
      .toEqual([expect.stringMatching(/^db2 and db3 all connect with application_name '15\/main'/)]);
    expect(reasonsOf([primary({ walSenders: [sender('10.0.0.2'), sender('10.0.0.3', { usename: 'other' })] }), replica(2), replica(3)]))
      .toEqual(['The replicas log in as different roles (replicator, other); Tandem records one replication role per cluster.']);
  });

  it('needs at least two hosts', () => {
    expect(reasonsOf([primary()])).toEqual(['Choose the primary and at least one replica.']);
  });

  it('gives the primary a distinct application name when a replica already uses its own', () => {
    const decision = decideImport([primary({ walSenders: [sender('10.0.0.2', { applicationName: 'db1' })] }), replica(2)], 'orders');
    expect(decision.ok && decision.shape.members.map((member) => member.applicationName)).toEqual(['db1_primary', 'db1']);
  });
});
