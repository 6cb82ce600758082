import { describe, expect, it } from 'vitest';
import type { ServiceControl } from '@/lib/discovery/facts';
import { planPromote, type PromoteParams } from '../plan-promote';
import type { FailoverCluster } from '../plan-types';
import { member, ordersCluster } from '../testing/failover-fixture';
import { MemoryRecorder } from '../testing/memory-recorder';
import { RUN_STARTED_MS, runSteps } from '../testing/run-steps';
import { exit, pgNotRunning, ScriptedHost, sshTimeout } from '../testing/scripted-host';
import { scriptPromotable } from '../testing/scripted-members';
import { maskUnitsCommand } from '../fence-units';
import { PROMOTE_SQL } from './promote';

const LAST_LSN_SQL = 'SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END AS lsn';
const FAST_STOP = "pg_ctlcluster '15' 'main' stop -m fast";
const IMMEDIATE_STOP = "pg_ctlcluster '15' 'main' stop -m immediate";
const STOPPED = "pg_ctlcluster '15' 'main' status >/dev/null 2>&1; test $? -eq 3";
const STANDBY_SIGNAL = `if [ -f '/var/lib/postgresql/15/main/standby.signal' ]; then
  echo 'standby.signal is in place'
else
  touch -- '/var/lib/postgresql/15/main/standby.signal' && chown --reference='/var/lib/postgresql/15/main' -- '/var/lib/postgresql/15/main/standby.signal' && chmod 0600 -- '/var/lib/postgresql/15/main/standby.signal'
  echo "wrote '/var/lib/postgresql/15/main/standby.signal': a later start comes up read-only"
fi`;
const DATA = '/var/lib/postgresql/15/main';
const MASK_UNITS = maskUnitsCommand({ kind: 'pg_ctlcluster', version: '15', name: 'main' }, 15, DATA).text;
const SAFE_AT_BOOT = `set -e
if [ -f '/etc/postgresql/15/main/start.conf' ]; then
  [ -e '/etc/postgresql/15/main/start.conf.tandem-fence' ] || cp -p -- '/etc/postgresql/15/main/start.conf' '/etc/postgresql/15/main/start.conf.tandem-fence'
  printf '%s\\n' manual > '/etc/postgresql/15/main/start.conf'
  echo "start.conf is now manual (previous kept in '/etc/postgresql/15/main/start.conf.tandem-fence')"
else
  echo 'no start.conf: nothing starts this cluster automatically'
fi
${MASK_UNITS}
${STANDBY_SIGNAL}`;
const STOPPED_OUTCOME = 'succeeded: pg1 was stopped, proven stopped, its automatic start disabled and standby.signal written.';
const PROMOTED_OUTCOMES = [
  'succeeded: pg2 accepts writes (canary committed), 0 ms after the request.',
  'succeeded: Done and verified.',
  'succeeded: pg2 was promoted to primary of orders; pg1 is fenced.',
];

/** The promote plan for pg2 with old primary pg1 (no other replica), exactly as a promote request builds it. */
function promotePlan(recorder: MemoryRecorder, fence: PromoteParams['fence'], control?: ServiceControl, cluster: FailoverCluster = ordersCluster) {
  const params: PromoteParams = {
    candidate: 'pg2', oldPrimary: 'pg1', fence, requestedAtMs: RUN_STARTED_MS, referenceLsn: '0/3000000', overrideBytes: null,
    members: [member('pg1', 11, control), member('pg2', 12)], token: 'tok12345', reason: 'disk failed',
  };
  return planPromote({ cluster, params, hooks: [] }, recorder);
}

/** pg1 as a running primary whose stop commands `stop` script; status probes follow `running`. */
function runningPrimary(host: ScriptedHost, statusCommand = STOPPED) {
  const state = { running: true };
  host.onSql('pg1', LAST_LSN_SQL, [{ lsn: '0/3000160' }]);
  host.onShell('pg1', statusCommand, () => exit(state.running ? 1 : 0));
  return state;
}

describe('the fence step, through the promote plan', () => {
  it('stops a running old primary fast, proves it stopped and makes it safe at boot, then promotes', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    const pg1 = runningPrimary(host);
    host.onShell('pg1', FAST_STOP, () => { pg1.running = false; return exit(0); });
    host.onShell('pg1', SAFE_AT_BOOT, exit(0, "start.conf is now manual (previous kept in '/etc/postgresql/15/main/start.conf.tandem-fence')\nwrote '/var/lib/postgresql/15/main/standby.signal': a later start comes up read-only"));
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(recorder, 'stop'), host);

    expect(run.result.status).toBe('succeeded');
    expect(run.outcomes).toEqual([STOPPED_OUTCOME, ...PROMOTED_OUTCOMES]);
    expect(host.ran('pg1')).toEqual([`[pg1 psql] ${LAST_LSN_SQL}`, `[pg1 as root] ${FAST_STOP}`, `[pg1 as root] ${STOPPED}`, `[pg1 as root] ${SAFE_AT_BOOT}`]);
    expect(run.steps[0]?.commands).toEqual([`[pg1 as root] ${FAST_STOP}`, `[pg1 as root] ${STOPPED}`, `[pg1 as root] ${SAFE_AT_BOOT}`, '(Tandem inventory) pg1: fenced']);
    expect(run.steps[0]?.outputTail).toContain('last WAL position on pg1 before the stop: 0/3000160');
    expect(recorder.changes).toEqual(['fenced pg1 (enforced): Promote of pg2: disk failed', 'primary pg2']);
    // The fence's last read raised the RPO reference: pg2 replayed 0/3000060, 256 bytes short of it.
    expect(run.metrics).toMatchObject({ fenceStopped: 1, fenceAcknowledged: 0, rpoBytes: 256 });
  });

  it('fences an old primary that is already stopped: both stops answer "not running", the proof holds, it is made safe at boot', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    host.onSql('pg1', LAST_LSN_SQL, pgNotRunning('pg1'));
    host.onShell('pg1', FAST_STOP, exit(2, '', 'Cluster is not running.'));
    host.onShell('pg1', IMMEDIATE_STOP, exit(2, '', 'Cluster is not running.'));
    host.onShell('pg1', STOPPED, exit(0));
    host.onShell('pg1', SAFE_AT_BOOT, exit(0));
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(recorder, 'stop'), host);

    expect(run.outcomes).toEqual([STOPPED_OUTCOME, ...PROMOTED_OUTCOMES]);
    expect(host.ran('pg1')).toEqual([`[pg1 psql] ${LAST_LSN_SQL}`, `[pg1 as root] ${FAST_STOP}`, `[pg1 as root] ${IMMEDIATE_STOP}`, `[pg1 as root] ${STOPPED}`, `[pg1 as root] ${SAFE_AT_BOOT}`]);
    expect(run.steps[0]?.outputTail).toContain('fast stop failed (Cluster is not running.); stopping immediately');
    expect(run.steps[0]?.outputTail).not.toContain('last WAL position');
    expect(recorder.fenced.get('pg1')?.enforced).toBe(true);
  });

  it('passes over an old primary already fenced and stopped (a resume): only probes run on it', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1', ['pg1']);
    host.onShell('pg1', 'true', exit(0));
    host.onShell('pg1', STOPPED, exit(0));
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(recorder, 'stop'), host);

    expect(run.outcomes).toEqual(['skipped: Already in place: Fence the old primary pg1.', ...PROMOTED_OUTCOMES]);
    expect(host.ran('pg1')).toEqual(['[pg1 as root] true', `[pg1 as root] ${STOPPED}`]);
    expect(recorder.changes).toEqual(['primary pg2']);
  });

  it('falls back to an immediate stop when the fast shutdown does not finish', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    const pg1 = runningPrimary(host);
    host.onShell('pg1', FAST_STOP, exit(1, '', 'pg_ctl: server does not shut down\nHINT: The "-m fast" option shuts down the server abruptly.'));
    host.onShell('pg1', IMMEDIATE_STOP, () => { pg1.running = false; return exit(0); });
    host.onShell('pg1', SAFE_AT_BOOT, exit(0));
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(recorder, 'stop'), host);

    expect(run.outcomes).toEqual([STOPPED_OUTCOME, ...PROMOTED_OUTCOMES]);
    expect(host.ran('pg1')).toEqual([`[pg1 psql] ${LAST_LSN_SQL}`, `[pg1 as root] ${FAST_STOP}`, `[pg1 as root] ${IMMEDIATE_STOP}`, `[pg1 as root] ${STOPPED}`, `[pg1 as root] ${SAFE_AT_BOOT}`]);
    expect(run.steps[0]?.outputTail).toContain('fast stop failed (HINT: The "-m fast" option shuts down the server abruptly.); stopping immediately');
  });

  it('refuses to promote when the old primary still runs after both stops', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    runningPrimary(host);
    host.onShell('pg1', FAST_STOP, exit(1, '', 'pg_ctl: server does not shut down'));
    host.onShell('pg1', IMMEDIATE_STOP, exit(1, '', 'pg_ctl: server does not shut down'));

    const run = await runSteps(promotePlan(recorder, 'stop'), host);

    expect(run.result).toEqual({ status: 'failed', outcome: 'Failed at step 1 “Fence the old primary pg1” on pg1: PostgreSQL on pg1 is still running after the stop. Tandem will not promote while it may take writes.' });
    expect(run.steps.map((step) => step.status)).toEqual(['failed', 'pending', 'pending', 'pending']);
    expect(host.ran('pg1')).toEqual([`[pg1 psql] ${LAST_LSN_SQL}`, `[pg1 as root] ${FAST_STOP}`, `[pg1 as root] ${IMMEDIATE_STOP}`, `[pg1 as root] ${STOPPED}`]);
    expect(host.ran('pg2')).toEqual([]);
    expect(recorder.changes).toEqual([]);
  });

  it('on an acknowledgement, sends nothing but the probe to an old primary that does not answer, and records it fenced but not enforced', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    host.onShell('pg1', 'true', sshTimeout('pg1'));
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(recorder, 'acknowledged'), host);

    expect(run.outcomes).toEqual([
      'succeeded: pg1 did not answer; recorded as fenced on the acknowledgement that it is down or isolated. Tandem stops it as soon as it answers again.',
      ...PROMOTED_OUTCOMES,
    ]);
    expect(host.ran('pg1')).toEqual(['[pg1 as root] true']);
    expect(run.steps[0]?.commands).toEqual(['(Tandem inventory) pg1: fenced']);
    expect(run.steps[0]?.outputTail).toContain('pg1 does not answer over SSH: No SSH answer from root@pg1:22 within 5 s.');
    expect(recorder.changes[0]).toBe('fenced pg1 (not enforced): Promote of pg2: disk failed');
    expect(run.metrics).toMatchObject({ fenceStopped: 0, fenceAcknowledged: 1 });
  });

  it('on an acknowledgement, gives up on a probe that hangs after 3 s and fences on the acknowledgement', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    host.onShell('pg1', 'true', 'hang');
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(recorder, 'acknowledged'), host);

    expect(run.steps[0]?.status).toBe('succeeded');
    expect(host.ran('pg1')).toEqual(['[pg1 as root] true']);
    expect(run.metrics?.fenceMs).toBe(3_000);
    expect(recorder.fenced.get('pg1')).toEqual({ reason: 'Promote of pg2: disk failed', enforced: false });
  });

  it('on an acknowledgement, still stops an old primary that answers after all', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    const pg1 = runningPrimary(host);
    host.onShell('pg1', 'true', exit(0));
    host.onShell('pg1', FAST_STOP, () => { pg1.running = false; return exit(0); });
    host.onShell('pg1', SAFE_AT_BOOT, exit(0));
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(recorder, 'acknowledged'), host);

    expect(run.outcomes[0]).toBe(STOPPED_OUTCOME);
    expect(host.ran('pg1')).toEqual(['[pg1 as root] true', `[pg1 psql] ${LAST_LSN_SQL}`, `[pg1 as root] ${FAST_STOP}`, `[pg1 as root] ${STOPPED}`, `[pg1 as root] ${SAFE_AT_BOOT}`]);
    expect(recorder.fenced.get('pg1')?.enforced).toBe(true);
  });

  it('without an acknowledgement, fails without promoting when the old primary stops answering (SSH timeout)', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    host.onSql('pg1', LAST_LSN_SQL, 'hang');
    host.onShell('pg1', FAST_STOP, sshTimeout('pg1'));

    const run = await runSteps(promotePlan(recorder, 'stop'), host);

    expect(run.result).toEqual({
      status: 'failed',
      outcome: 'Failed at step 1 “Fence the old primary pg1” on pg1: pg1 stopped answering after the candidates were read (No SSH answer from root@pg1:22 within 5 s.); read them again and acknowledge that it is down or isolated.',
    });
    expect(host.ran('pg1')).toEqual([`[pg1 psql] ${LAST_LSN_SQL}`, `[pg1 as root] ${FAST_STOP}`]);
    expect(host.ran('pg2')).toEqual([]);
    expect(host.calls.some((call) => call.kind === 'sql' && call.sql === PROMOTE_SQL)).toBe(false);
    expect(recorder.changes).toEqual([]);
  });

  it('on a pg_ctl layout (no start.conf) stops as postgres, masks the RHEL units that run its data directory and writes standby.signal, with no immediate fallback', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    const control: ServiceControl = { kind: 'pg_ctl', dataDirectory: DATA };
    const atBoot = `${maskUnitsCommand(control, 15, DATA).text}\n${STANDBY_SIGNAL}`;
    const stopped = "pg_ctl -D '/var/lib/postgresql/15/main' status >/dev/null 2>&1; test $? -eq 3";
    const fastStop = "pg_ctl -D '/var/lib/postgresql/15/main' -w stop -m fast";
    const pg1 = runningPrimary(host, stopped);
    host.onShell('pg1', fastStop, () => { pg1.running = false; return exit(0); });
    host.onShell('pg1', atBoot, exit(0));
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(recorder, 'stop', control), host);

    expect(run.outcomes).toEqual([STOPPED_OUTCOME, ...PROMOTED_OUTCOMES]);
    expect(host.ran('pg1')).toEqual([`[pg1 psql] ${LAST_LSN_SQL}`, `[pg1 as postgres] ${fastStop}`, `[pg1 as postgres] ${stopped}`, `[pg1 as root] ${atBoot}`]);
  });

  it('on a pg_ctl layout, a fast stop that fails is not retried immediately: the step fails', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    const control: ServiceControl = { kind: 'pg_ctl', dataDirectory: '/var/lib/postgresql/15/main' };
    const stopped = "pg_ctl -D '/var/lib/postgresql/15/main' status >/dev/null 2>&1; test $? -eq 3";
    runningPrimary(host, stopped);
    host.onShell('pg1', "pg_ctl -D '/var/lib/postgresql/15/main' -w stop -m fast", exit(1, '', 'pg_ctl: server does not shut down'));

    const run = await runSteps(promotePlan(recorder, 'stop', control), host);

    expect(run.result.outcome).toBe('Failed at step 1 “Fence the old primary pg1” on pg1: PostgreSQL on pg1 is still running after the stop. Tandem will not promote while it may take writes.');
    expect(host.ran('pg1')).toEqual([`[pg1 psql] ${LAST_LSN_SQL}`, "[pg1 as postgres] pg_ctl -D '/var/lib/postgresql/15/main' -w stop -m fast", `[pg1 as postgres] ${stopped}`]);
  });

  it('on a systemd unit without a Debian name (RHEL layout) disables no start.conf, masks the unit and writes standby.signal', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    const atBoot = `${maskUnitsCommand({ kind: 'systemd', unit: 'postgresql-15.service' }, 15, DATA).text}\n${STANDBY_SIGNAL}`;
    const stopped = "systemctl is-active --quiet -- 'postgresql-15.service' >/dev/null 2>&1; test $? -eq 3";
    const pg1 = runningPrimary(host, stopped);
    host.onShell('pg1', "systemctl stop -- 'postgresql-15.service'", () => { pg1.running = false; return exit(0); });
    host.onShell('pg1', atBoot, exit(0, "postgresql-15.service: unit masked by Tandem's fence (it was enabled); rejoin unmasks it"));
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(recorder, 'stop', { kind: 'systemd', unit: 'postgresql-15.service' }), host);

    expect(run.outcomes[0]).toBe(STOPPED_OUTCOME);
    expect(host.ran('pg1')).toEqual([`[pg1 psql] ${LAST_LSN_SQL}`, "[pg1 as root] systemctl stop -- 'postgresql-15.service'", `[pg1 as root] ${stopped}`, `[pg1 as root] ${atBoot}`]);
    expect(run.steps[0]?.outputTail).toContain("postgresql-15.service: unit masked by Tandem's fence (it was enabled); rejoin unmasks it");
  });

  it('on PostgreSQL 11 under pg_ctl (no start.conf, no standby.signal) masks what systemd would start and says the rest must be disabled by hand', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg1');
    const control: ServiceControl = { kind: 'pg_ctl', dataDirectory: DATA };
    const stopped = "pg_ctl -D '/var/lib/postgresql/15/main' status >/dev/null 2>&1; test $? -eq 3";
    const atBoot = `${maskUnitsCommand(control, 11, DATA).text}
echo 'no start.conf and no standby.signal before PostgreSQL 12: if anything but systemd starts this cluster, disable it there by hand'`;
    const pg1 = runningPrimary(host, stopped);
    host.onShell('pg1', "pg_ctl -D '/var/lib/postgresql/15/main' -w stop -m fast", () => { pg1.running = false; return exit(0); });
    host.onShell('pg1', atBoot, exit(0, 'systemd does not run on this host: no unit to mask\nno start.conf and no standby.signal before PostgreSQL 12: if anything but systemd starts this cluster, disable it there by hand'));
    scriptPromotable(host, 'pg2');

    const run = await runSteps(promotePlan(recorder, 'stop', control, { ...ordersCluster, major: 11 }), host);

    expect(run.steps[0]?.status).toBe('succeeded');
    expect(host.ran('pg1')).toEqual([`[pg1 psql] ${LAST_LSN_SQL}`, "[pg1 as postgres] pg_ctl -D '/var/lib/postgresql/15/main' -w stop -m fast", `[pg1 as postgres] ${stopped}`, `[pg1 as root] ${atBoot}`]);
    expect(run.steps[0]?.outputTail).toContain('systemd does not run on this host: no unit to mask\nno start.conf and no standby.signal before PostgreSQL 12: if anything but systemd starts this cluster, disable it there by hand');
  });
});
