import { describe, expect, it } from 'vitest';
import { planPromote, type PromoteParams } from './plan-promote';
import { planDrill } from './plan-drill';
import type { FailoverCluster, FailoverMember, FailoverRecorder } from './plan-types';

const cluster: FailoverCluster = { name: 'orders', roleName: 'replicator', tls: false, tlsVerified: false, slots: true, major: 15, passwordMethod: 'scram-sha-256', endpoints: [] };
const member = (name: string, octet: number): FailoverMember => ({
  hostId: octet, name, address: `10.88.0.${octet}`, pgPort: 5432, control: { kind: 'pg_ctlcluster', version: '15', name: 'main' },
  dataDirectory: '/var/lib/postgresql/15/main', applicationName: name, slotName: `tandem_${name}`,
});
const members = [member('pg1', 11), member('pg2', 12), member('pg3', 13)];
const recorder: FailoverRecorder = {
  isFenced: async () => false, markFenced: async () => undefined, clearFence: async () => undefined,
  primaryName: async () => 'pg1', setPrimary: async () => undefined, notify: async () => undefined,
};
const params = (overrides: Partial<PromoteParams> = {}): PromoteParams => ({
  candidate: 'pg2', oldPrimary: 'pg1', fence: 'stop', requestedAtMs: 0, referenceLsn: '0/3000000', overrideBytes: null, members, token: 'tok12345', reason: 'disk failed', ...overrides,
});

describe('planPromote', () => {
  it('fences, promotes, records, re-points the other replicas and measures, in that order', () => {
    const steps = planPromote({ cluster, params: params(), hooks: [] }, recorder);
    expect(steps.map((step) => [step.name, step.host])).toEqual([
      ['Fence the old primary pg1', 'pg1'], ['Promote pg2 and prove it accepts writes', 'pg2'], ['Record pg2 as the primary in Tandem', null],
      ['Re-point pg3 to stream from pg2', 'pg3'], ['Measure and notify: pg2 promoted', null],
    ]);
    const repoint = steps[3]?.describe().commands.join('\n') ?? '';
    expect(repoint).toContain("conninfo=user='replicator' passfile='/var/lib/postgresql/15/tandem-orders.pgpass' host='10.88.0.12' port='5432' application_name='pg3' sslmode='prefer'");
    expect(repoint).not.toMatch(/password/);
    expect(repoint).toContain('slot_name=tandem_pg3');
    expect(steps[1]?.describe().commands[0]).toBe('[pg2] SELECT pg_promote(wait => true, wait_seconds => 60) AS promoted');
  });

  it('runs routing hooks after the topology is recorded, each as sh -c on its host', () => {
    const steps = planPromote({ cluster, params: params(), hooks: [{ hostId: 13, hostName: 'pg3', command: "ip addr add 10.88.0.100/24 dev eth0 && echo 'moved'", timeoutMs: 5000, env: [] }] }, recorder);
    expect(steps[3]?.name).toBe('Run the routing hooks');
    expect(steps[3]?.describe().commands).toEqual([`[pg3 as root] sh -c 'ip addr add 10.88.0.100/24 dev eth0 && echo '\\''moved'\\'''`]);
  });

  it('says which replicas ahead of the candidate were left for a rejoin', async () => {
    const notices: string[] = [];
    const listening: FailoverRecorder = { ...recorder, notify: async (event) => { notices.push(event.summary); } };
    const steps = planPromote({ cluster, params: params({ needRejoin: ['pg3'], members: members.filter((entry) => entry.name !== 'pg3') }), hooks: [] }, listening);
    expect(steps.some((step) => step.name.startsWith('Re-point'))).toBe(false);
    expect(steps.at(-1)?.describe().commands[0]).toBe('notify: promote — pg2 was promoted to primary of orders; pg1 is fenced. pg3 was ahead of pg2 and cannot follow it: rejoin it (pg_rewind).');
    expect(notices).toEqual([]);
  });

  it('has no fence step when no primary is recorded, and refuses a candidate that is not a member', () => {
    expect(planPromote({ cluster, params: params({ oldPrimary: null }), hooks: [] }, recorder)[0]?.name).toBe('Promote pg2 and prove it accepts writes');
    expect(() => planPromote({ cluster, params: params({ candidate: 'pg9' }), hooks: [] }, recorder)).toThrow(/pg9 is not a member/);
  });
});

describe('planDrill', () => {
  it('writes throughout a switchover there and back, then counts, with unique step names', () => {
    const leg = { candidate: 'pg2', primary: 'pg1', requestedAtMs: 0, members, token: 't', maxLagBytes: 16 << 20 };
    const steps = planDrill(cluster, { there: leg, back: { ...leg, candidate: 'pg1', primary: 'pg2' }, run: 'drill-x' }, [], recorder, async () => ({ replicationPassword: 'x' }));
    expect(steps[0]?.name).toBe('Start a drill client writing to pg1');
    expect(steps.at(-1)?.name).toBe('Stop the drill client and count lost transactions on pg1');
    expect(new Set(steps.map((step) => step.name)).size).toBe(steps.length);
  });
});
