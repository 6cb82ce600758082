import { describe, expect, it } from 'vitest';
import { MemoryRecorder } from '../testing/memory-recorder';
import { runSteps } from '../testing/run-steps';
import { exit, ScriptedHost } from '../testing/scripted-host';
import { rejoinPlan, scriptRejoin } from '../testing/scripted-rejoin';
import { restoreUnitsCommand } from '../fence-units';

const STOPPED = "[pg1 as root] pg_ctlcluster '15' 'main' status >/dev/null 2>&1; test $? -eq 3";
const KEEP_WAL = "[pg1 psql] ALTER SYSTEM SET wal_keep_size = '2GB';\nSELECT pg_reload_conf();";
const FAST_STOP = "[pg1 as root] pg_ctlcluster '15' 'main' stop -m fast";
const START = "[pg1 as root] if [ ! -f '/var/lib/postgresql/15/main/standby.signal' ]; then echo 'refusing to start: no standby.signal, it would start as a primary' >&2; exit 3; fi\npg_ctlcluster '15' 'main' start";

const RESTORE_UNITS = restoreUnitsCommand('/var/lib/postgresql/15/main').text;
/** Step positions in the rewind plan. */
const STOP = 4;
const START_STEP = 9;

describe('the standby steps, through the rejoin plan', () => {
  it('keeps WAL on a running member before its clean stop, and proves it stopped', async () => {
    const host = new ScriptedHost();
    scriptRejoin(host, { running: true });

    const run = await runSteps(rejoinPlan(new MemoryRecorder('pg2', ['pg1'])), host);

    expect(run.outcomes[STOP]).toBe('succeeded: Done and verified.');
    const ran = host.ran('pg1');
    expect(ran.slice(ran.indexOf(STOPPED), ran.indexOf(STOPPED) + 4)).toEqual([STOPPED, KEEP_WAL, FAST_STOP, STOPPED]);
    expect(run.result.status).toBe('succeeded');
  });

  it('starts pg1 with a command that refuses without standby.signal, and waits for it to stream from pg2', async () => {
    const host = new ScriptedHost();
    scriptRejoin(host);

    const run = await runSteps(rejoinPlan(new MemoryRecorder('pg2', ['pg1'])), host);

    expect(run.outcomes[START_STEP]).toBe('succeeded: pg1 streams from pg2.');
    expect(run.steps[START_STEP]?.commands).toEqual([START]);
    expect(run.steps[START_STEP]?.outputTail).toContain('pg1 streams from pg2 after 0 ms');
  });

  it('unmasks the units its fence masked once pg1 is configured as a standby, before it starts it', async () => {
    const host = new ScriptedHost();
    scriptRejoin(host);
    host.onShell('pg1', RESTORE_UNITS, exit(0, 'postgresql@15-main unmasked: enabled again, as before the fence\n'));

    const run = await runSteps(rejoinPlan(new MemoryRecorder('pg2', ['pg1'])), host);

    expect(run.outcomes[START_STEP - 1]).toBe('succeeded: Done and verified.');
    expect(run.steps[START_STEP - 1]?.commands).toEqual([`[pg1 as root] ${RESTORE_UNITS}`]);
    expect(run.steps[START_STEP - 1]?.outputTail).toContain('postgresql@15-main unmasked: enabled again, as before the fence');
    const ran = host.ran('pg1');
    const configured = ran.findIndex((call) => call.startsWith('[pg1 as postgres] set -e\nsed -i '));
    const restored = ran.indexOf(`[pg1 as root] ${RESTORE_UNITS}`);
    expect(configured).toBeGreaterThan(-1);
    expect(restored).toBeGreaterThan(configured);
    expect(ran.indexOf(START)).toBeGreaterThan(restored);
  });

  it('fails, leaving pg1 fenced, when the start refuses because standby.signal is missing', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg2', ['pg1']);
    scriptRejoin(host);
    host.onShell('pg1', /refusing to start/, exit(3, '', 'refusing to start: no standby.signal, it would start as a primary'));

    const run = await runSteps(rejoinPlan(recorder), host);

    expect(run.result.outcome).toBe('Failed at step 10 “Start pg1 as a standby and verify it streams from pg2” on pg1: A command failed on pg1 (exit 3): refusing to start: no standby.signal, it would start as a primary.');
    expect(host.ran('pg1').filter((call) => call === START)).toHaveLength(1);
    expect(recorder.fenced.has('pg1')).toBe(true);
  });

  it('fails when the written passfile is not 0600', async () => {
    const host = new ScriptedHost();
    scriptRejoin(host);
    host.onShell('pg1', "stat -c %a -- '/var/lib/postgresql/15/tandem-orders.pgpass'", exit(0, '644\n'));

    const run = await runSteps(rejoinPlan(new MemoryRecorder('pg2', ['pg1'])), host);

    expect(run.outcomes[1]).toBe('failed: /var/lib/postgresql/15/tandem-orders.pgpass on pg1 is not 0600.');
    expect(host.ran('pg2')).toEqual([]);
  });
});
