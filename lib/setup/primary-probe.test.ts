import { describe, expect, it } from 'vitest';
import type { WalSender } from '@/lib/members/status';
import { makePrimaryStatus } from '@/lib/members/testing/make-status';
import { existingRoleOf, primaryProbeOf, ROLE_ATTRIBUTES_SQL } from './primary-probe';

const sender: WalSender = {
  applicationName: 'pg2', clientAddr: '10.88.0.12', usename: 'replicator', state: 'streaming', syncState: 'async', slotName: 'tandem_pg2',
  sentBytes: 0, writeBytes: 0, flushBytes: 0, replayBytes: 0, replayLsn: '0/5000000', writeLagMs: null, flushLagMs: null, replayLagMs: null, replyAgeMs: 10,
};

describe('primaryProbeOf', () => {
  it('takes the headroom, the walsender and slot names and the risky settings preflight checks', () => {
    const status = makePrimaryStatus({
      walSenders: [sender],
      slots: [{ slotName: 'tandem_pg2', active: true, retainedBytes: 0, walStatus: 'reserved', safeWalSize: null }, { slotName: 'old', active: false, retainedBytes: null, walStatus: 'lost', safeWalSize: null }],
    });
    const role = { superuser: false, replication: true, canLogin: true };
    expect(primaryProbeOf({ ...status, settings: { ...status.settings, maxWalSenders: 4, fsync: 'off', synchronousCommit: 'local' } }, role)).toEqual({
      maxWalSenders: 4, maxReplicationSlots: 10, walSenderNames: ['pg2'], slotNames: ['tandem_pg2', 'old'], fsync: 'off', fullPageWrites: 'on', synchronousCommit: 'local', replicationRole: role,
    });
  });
});

describe('the replication role as the primary has it', () => {
  it('is read by name through a psql variable, never interpolated', () => {
    expect(ROLE_ATTRIBUTES_SQL).toBe("SELECT rolsuper AS superuser, rolreplication AS replication, rolcanlogin AS can_login FROM pg_roles WHERE rolname = :'role_name'");
  });

  it('decodes its attributes, no row as no such role, and refuses rows of another shape', () => {
    expect(existingRoleOf([{ superuser: 't', replication: 'f', can_login: 't' }])).toEqual({ superuser: true, replication: false, canLogin: true });
    expect(existingRoleOf([])).toBeNull();
    expect(() => existingRoleOf([{ superuser: 'yes', replication: 'f', can_login: 't' }])).toThrow(/replication role query returned rows Tandem does not understand/);
  });
});
