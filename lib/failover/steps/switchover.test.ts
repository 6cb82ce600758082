import { describe, expect, it } from 'vitest';
import { planSwitchover } from '../plan-switchover';
import { member, ordersCluster } from '../testing/failover-fixture';
import { MemoryRecorder } from '../testing/memory-recorder';
import { RUN_STARTED_MS, runSteps } from '../testing/run-steps';
import { exit, ok, pgNotRunning, ScriptedHost, type SqlCall } from '../testing/scripted-host';
import { scriptPromotable } from '../testing/scripted-members';
import { CREATE_SLOT_SQL } from './repoint';

const CHECKPOINT_LSN = '0/5000028';
const REPLAYED_SQL = "SELECT pg_last_wal_replay_lsn() > :'lsn'::pg_lsn AND pg_last_wal_receive_lsn() > :'lsn'::pg_lsn AS ok";
const REPLAYED = `[pg2 psql] ${REPLAYED_SQL}\n  with lsn=${CHECKPOINT_LSN}`;
const PROMOTE = '[pg2 psql] SELECT pg_promote(wait => true, wait_seconds => 60) AS promoted';
const FAST_STOP = "[pg1 as root] pg_ctlcluster '15' 'main' stop -m fast";
const START_STANDBY = `[pg1 as root] if [ ! -f '/var/lib/postgresql/15/main/standby.signal' ]; then echo 'refusing to start: no standby.signal, it would start as a primary' >&2; exit 3; fi
pg_ctlcluster '15' 'main' start`;
const CONTROLDATA = `[pg1 as postgres] LC_ALL=C PATH='/usr/lib/postgresql/15/bin':"$PATH" pg_controldata -D '/var/lib/postgresql/15/main'`;

interface SwitchoverScript {
  /** Polls of pg2 that have not yet replayed past the shutdown checkpoint. */
  readonly pollsBeforeReplayed?: number;
  /** Whether pg2 streams from pg1 to begin with. */
  readonly streaming?: boolean;
}

/**
 * pg1 a running primary that stops cleanly at its shutdown checkpoint and becomes a standby
 * of pg2; pg2 a caught-up standby that receives and replays that checkpoint after some polls,
 * then promotes.
 */
function scriptSwitchover(host: ScriptedHost, options: SwitchoverScript = {}) {
  const state = { pg1Running: true, pg1Configured: false, pollsLeft: options.pollsBeforeReplayed ?? 0 };
  host.onSql('pg2', /FROM pg_stat_wal_receiver/, (call: SqlCall) => ok((options.streaming ?? true) && call.params.sender === '10.88.0.11'));
  host.onSql('pg1', 'SELECT pg_current_wal_lsn()::text AS lsn', [{ lsn: '0/5000000' }]);
  host.onSql('pg2', 'SELECT pg_last_wal_replay_lsn()::text AS lsn', [{ lsn: '0/5000000' }]);
  host.onShell('pg1', /^set -e\numask 077\n/, exit(0));
  host.onShell('pg1', "stat -c %a -- '/var/lib/postgresql/15/tandem-orders.pgpass'", exit(0, '600\n'));
  host.onShell('pg1', "pg_ctlcluster '15' 'main' status >/dev/null 2>&1; test $? -eq 3", () => exit(state.pg1Running ? 1 : 0));
  host.onShell('pg1', "pg_ctlcluster '15' 'main' stop -m fast", () => { state.pg1Running = false; return exit(0); });
  host.onShell('pg1', /pg_controldata -D/, () => exit(0, `Database cluster state:               ${state.pg1Running ? 'in production' : 'shut down'}\nLatest checkpoint location:           ${CHECKPOINT_LSN}\n`));
  host.onShell('pg1', /^test -f '\/var\/lib\/postgresql\/15\/main\/standby\.signal' && grep/, () => exit(state.pg1Configured ? 0 : 1));
  host.onShell('pg1', /^set -e\nsed -i /, () => { state.pg1Configured = true; return exit(0); });
  host.onSql('pg2', CREATE_SLOT_SQL, [{ pg_create_physical_replication_slot: '(tandem_pg1,)' }]);
  host.onSql('pg2', (text, call) => text === REPLAYED_SQL && call.params.lsn === CHECKPOINT_LSN, () => {
    if (state.pollsLeft > 0) {
      state.pollsLeft -= 1;
      return ok(false);
    }
    return ok(true);
  });
  host.onShell('pg1', "pg_ctlcluster '15' 'main' status", () => exit(state.pg1Running ? 0 : 3));
  host.onShell('pg1', /^if \[ ! -f '\/var\/lib\/postgresql\/15\/main\/standby\.signal' \]; then echo 'refusing to start/, () => { state.pg1Running = true; return exit(0); });
  host.onSql('pg1', /FROM pg_stat_wal_receiver/, (call: SqlCall) => (state.pg1Running ? ok(call.params.sender === '10.88.0.12') : pgNotRunning('pg1')));
  scriptPromotable(host, 'pg2', { lsn: '0/50000A0' });
  return state;
}

/** The switchover from pg1 to pg2, exactly as a switchover request builds it. */
function switchoverPlan(recorder: MemoryRecorder) {
  return planSwitchover(ordersCluster, { candidate: 'pg2', primary: 'pg1', requestedAtMs: RUN_STARTED_MS, members: [member('pg1', 11), member('pg2', 12)], token: 'tok12345', maxLagBytes: 16 << 20 }, [], recorder, async () => ({ replicationPassword: 'repl-secret' }));
}

/** Step positions in the plan. */
const CLEAN_STOP = 2;
const WAIT = 4;
const PROMOTE_STEP = 5;

describe('the switchover steps, through the switchover plan', () => {
  it('promotes pg2 only once it has received and replayed past pg1’s shutdown checkpoint', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    scriptSwitchover(host, { pollsBeforeReplayed: 3 });

    const run = await runSteps(switchoverPlan(recorder), host);

    expect(run.result).toEqual({ status: 'succeeded', outcome: 'All 9 steps succeeded.' });
    expect(run.outcomes[CLEAN_STOP]).toBe(`succeeded: pg1 shut down cleanly; its shutdown checkpoint is at ${CHECKPOINT_LSN}.`);
    expect(run.outcomes[WAIT]).toBe(`succeeded: pg2 has everything the old primary wrote (past ${CHECKPOINT_LSN}).`);
    expect(run.steps[WAIT]?.outputTail).toContain(`pg2 replayed past ${CHECKPOINT_LSN} after 200 ms`);
    expect(run.outcomes[PROMOTE_STEP]).toBe('succeeded: pg2 accepts writes (canary committed), 200 ms after the request.');
    const pg2 = host.ran('pg2');
    // The step's check and two polls have not got there, the third poll has (two 100 ms waits); then the promotion.
    expect(pg2.filter((call) => call === REPLAYED)).toHaveLength(4);
    expect(pg2.lastIndexOf(REPLAYED)).toBeLessThan(pg2.indexOf(PROMOTE));
    const order = host.ran().filter((call) => [FAST_STOP, CONTROLDATA, REPLAYED, PROMOTE, START_STANDBY].includes(call));
    expect(order).toEqual([FAST_STOP, CONTROLDATA, REPLAYED, REPLAYED, REPLAYED, REPLAYED, PROMOTE, START_STANDBY]);
    expect(run.metrics).toMatchObject({ rpoBytes: 0, writeGapMs: 200 });
    expect(recorder.changes).toEqual(['primary pg2', 'fence cleared pg1, slot tandem_pg1']);
  });

  it('fails without promoting when the shutdown checkpoint never reaches pg2 within 50 s', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    scriptSwitchover(host, { pollsBeforeReplayed: Infinity });

    const run = await runSteps(switchoverPlan(recorder), host);

    expect(run.result.outcome).toBe(`Failed at step 5 “Wait until pg2 has replayed the shutdown checkpoint” on pg2: pg2 did not replay past ${CHECKPOINT_LSN} within 50 s; it is not promoted (no loss yet: start the old primary again, or promote anyway from the promote panel).`);
    expect(run.steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'pending', 'pending', 'pending', 'pending']);
    expect(host.ran('pg2')).not.toContain(PROMOTE);
    expect(host.ran('pg2').at(-1)).toBe(REPLAYED);
    expect(host.ran('pg1')).not.toContain(START_STANDBY);
    expect(recorder.primary).toBe('pg1');
  });

  it('stops nothing when pg2 does not stream from pg1', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    scriptSwitchover(host, { streaming: false });

    const run = await runSteps(switchoverPlan(recorder), host);

    expect(run.result.outcome).toBe('Failed at step 1 “Check that pg2 streams from pg1 and is caught up” on pg2: pg2 does not stream from pg1; a switchover would lose writes.');
    expect(host.ran()).toEqual(["[pg2 psql] SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming' AND sender_host = :'sender') AS ok\n  with sender=10.88.0.11"]);
  });
});
