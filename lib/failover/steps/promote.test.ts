import { describe, expect, it } from 'vitest';
import { PgError } from '@/lib/pg/errors';
import { planPromote } from '../plan-promote';
import { member, ordersCluster } from '../testing/failover-fixture';
import { MemoryRecorder } from '../testing/memory-recorder';
import { RUN_STARTED_MS, runSteps } from '../testing/run-steps';
import { ScriptedHost } from '../testing/scripted-host';
import { scriptPromotable } from '../testing/scripted-members';

const IN_RECOVERY = '[pg2 psql] SELECT NOT pg_is_in_recovery() AS ok';
const POSITIONS = '[pg2 psql] SELECT pg_last_wal_receive_lsn()::text AS receive, pg_last_wal_replay_lsn()::text AS replay';
const PROMOTE = '[pg2 psql] SELECT pg_promote(wait => true, wait_seconds => 60) AS promoted';
const SYNC_NAMES = "[pg2 psql] SELECT current_setting('synchronous_standby_names') AS names";
const RESET_SYNC = '[pg2 psql] ALTER SYSTEM RESET synchronous_standby_names;\nSELECT pg_reload_conf();';
const CANARY = `[pg2 psql] SET statement_timeout = '10s';
CREATE SCHEMA IF NOT EXISTS tandem;
CREATE TABLE IF NOT EXISTS tandem.canary (writer text PRIMARY KEY, token text NOT NULL, written_at timestamptz NOT NULL);
INSERT INTO tandem.canary AS c (writer, token, written_at) VALUES ('promote', :'token', clock_timestamp())
ON CONFLICT (writer) DO UPDATE SET token = EXCLUDED.token, written_at = EXCLUDED.written_at
RETURNING 't' AS ok;
  with token=tok12345`;

/** The promote plan for pg2 when no primary is recorded (no fence step) and no other replica: promote, topology, notify. */
function promotePlan(recorder: MemoryRecorder) {
  return planPromote({
    cluster: ordersCluster,
    params: {
      candidate: 'pg2', oldPrimary: null, fence: 'stop', requestedAtMs: RUN_STARTED_MS - 1_500, referenceLsn: '0/3000160', overrideBytes: null,
      members: [member('pg2', 12)], token: 'tok12345', reason: 'pg1 lost',
    },
    hooks: [],
  }, recorder);
}

describe('the promote step, through the promote plan', () => {
  it('promotes, resets the synchronous_standby_names the base backup copied, then proves writes with the canary', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder(null);
    const pg2 = scriptPromotable(host, 'pg2', { synchronousStandbyNames: 'FIRST 1 (pg2, pg3)' });

    const run = await runSteps(promotePlan(recorder), host);

    expect(run.result).toEqual({ status: 'succeeded', outcome: 'All 3 steps succeeded.' });
    expect(run.outcomes).toEqual(['succeeded: pg2 accepts writes (canary committed), 1500 ms after the request.', 'succeeded: Done and verified.', 'succeeded: pg2 was promoted to primary of orders.']);
    expect(host.ran()).toEqual([IN_RECOVERY, POSITIONS, PROMOTE, SYNC_NAMES, RESET_SYNC, IN_RECOVERY, CANARY]);
    expect(pg2.synchronousStandbyNames).toBe('');
    expect(run.steps[0]?.outputTail).toContain("synchronous_standby_names was 'FIRST 1 (pg2, pg3)'; reset so commits do not wait for standbys");
    expect(run.steps[0]?.outputTail).toContain("RPO estimate: 256 bytes between the old primary's last known 0/3000160 and pg2's 0/3000060");
    expect(run.metrics).toMatchObject({ rtoWritableMs: 1_500, rpoBytes: 256 });
    expect(recorder.changes).toEqual(['primary pg2']);
  });

  it('leaves an empty synchronous_standby_names alone', async () => {
    const host = new ScriptedHost();
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(new MemoryRecorder(null)), host);

    expect(run.steps[0]?.status).toBe('succeeded');
    expect(host.ran()).toEqual([IN_RECOVERY, POSITIONS, PROMOTE, SYNC_NAMES, IN_RECOVERY, CANARY]);
    expect(run.steps[0]?.outputTail).not.toContain('synchronous_standby_names');
  });

  it('fails, and records no new primary, when the canary write does not commit', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder(null);
    scriptPromotable(host, 'pg2', { canaryCommits: false });

    const run = await runSteps(promotePlan(recorder), host);

    expect(run.result.outcome).toBe('Failed at step 1 “Promote pg2 and prove it accepts writes” on pg2: A canary write on pg2 did not commit.');
    expect(run.steps.map((step) => step.status)).toEqual(['failed', 'pending', 'pending']);
    expect(host.ran().at(-1)).toBe(CANARY);
    expect(recorder.primary).toBeNull();
    expect(run.metrics?.rtoWritableMs).toBeUndefined();
  });

  it('fails with the server’s error when the canary write is refused', async () => {
    const host = new ScriptedHost();
    scriptPromotable(host, 'pg2');
    host.onSql('pg2', /INSERT INTO tandem\.canary/, new PgError('sql-error', 'SQL failed on postgres@pg2: cannot execute CREATE SCHEMA in a read-only transaction (SQLSTATE 25006)', 'Statements before the failing one have already run.'));

    const run = await runSteps(promotePlan(new MemoryRecorder(null)), host);

    expect(run.steps[0]?.outcome).toBe('SQL failed on postgres@pg2: cannot execute CREATE SCHEMA in a read-only transaction (SQLSTATE 25006).');
    expect(run.steps[0]?.outputTail).toContain('hint: Statements before the failing one have already run.');
  });

  it('fails when pg_promote does not finish, and proves nothing further', async () => {
    const host = new ScriptedHost();
    scriptPromotable(host, 'pg2');
    host.onSql('pg2', /pg_promote/, [{ promoted: 'f' }]);

    const run = await runSteps(promotePlan(new MemoryRecorder(null)), host);

    expect(run.steps[0]?.outcome).toBe('pg_promote on pg2 did not finish within 60 s.');
    expect(host.ran()).toEqual([IN_RECOVERY, POSITIONS, PROMOTE]);
  });

  it('fails when the candidate is still in recovery after pg_promote', async () => {
    const host = new ScriptedHost();
    scriptPromotable(host, 'pg2');
    host.onSql('pg2', /pg_promote/, [{ promoted: 't' }]);

    const run = await runSteps(promotePlan(new MemoryRecorder(null)), host);

    expect(run.steps[0]?.outcome).toBe('pg2 is still in recovery.');
    expect(host.ran()).toEqual([IN_RECOVERY, POSITIONS, PROMOTE, SYNC_NAMES, IN_RECOVERY]);
  });

  it('never promotes a fenced candidate', async () => {
    const host = new ScriptedHost();
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(new MemoryRecorder(null, ['pg2'])), host);

    expect(run.steps[0]?.outcome).toBe('pg2 is fenced; Tandem never starts or promotes a fenced host as a primary. Rejoin it first.');
    expect(host.ran()).toEqual([IN_RECOVERY]);
  });

  it('passes over a candidate already out of recovery (a resume), without a canary write', async () => {
    const host = new ScriptedHost();
    const pg2 = scriptPromotable(host, 'pg2');
    pg2.inRecovery = false;

    const run = await runSteps(promotePlan(new MemoryRecorder(null)), host);

    expect(run.outcomes[0]).toBe('skipped: Already in place: Promote pg2 and prove it accepts writes.');
    expect(host.ran()).toEqual([IN_RECOVERY]);
  });
});
