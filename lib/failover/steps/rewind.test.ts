import { describe, expect, it } from 'vitest';
import { MemoryRecorder } from '../testing/memory-recorder';
import { runSteps } from '../testing/run-steps';
import { exit, ScriptedHost } from '../testing/scripted-host';
import { rejoinPlan, scriptRejoin } from '../testing/scripted-rejoin';
import { rewindMarker, rewindSupport } from './rewind';

describe('rewindSupport', () => {
  it('reads data checksums and wal_log_hints from pg_controldata', () => {
    expect(rewindSupport('wal_log_hints setting:                off\nData page checksum version:           1\n')).toEqual({ checksums: true, walLogHints: false });
    expect(rewindSupport('wal_log_hints setting:                on\nData page checksum version:           0\n')).toEqual({ checksums: false, walLogHints: true });
    expect(rewindSupport('wal_log_hints setting:                off\nData page checksum version:           0\n')).toEqual({ checksums: false, walLogHints: false });
  });

  it('marks the temporary pg_hba line apart from the replication lines', () => {
    expect(rewindMarker({ name: 'orders', roleName: 'replicator', tls: false, tlsVerified: false, slots: true, major: 15, passwordMethod: 'scram-sha-256', endpoints: [] })).toBe('tandem:orders-rewind');
  });
});

const CONTROLDATA = `[pg1 as postgres] LC_ALL=C PATH='/usr/lib/postgresql/15/bin':"$PATH" pg_controldata -D '/var/lib/postgresql/15/main'`;
const STOPPED = "[pg1 as root] pg_ctlcluster '15' 'main' status >/dev/null 2>&1; test $? -eq 3";
const CONFIGURED = String.raw`[pg1 as postgres] test -f '/var/lib/postgresql/15/main/standby.signal' && grep -Fxq -- 'primary_conninfo = '\''user='\'''\''replicator'\'''\'' passfile='\'''\''/var/lib/postgresql/15/tandem-orders.pgpass'\'''\'' host='\'''\''10.88.0.12'\'''\'' port='\'''\''5432'\'''\'' application_name='\'''\''pg1'\'''\'' sslmode='\'''\''prefer'\'''\'''\''' '/var/lib/postgresql/15/main/postgresql.auto.conf' && grep -Fxq -- 'primary_slot_name = '\''tandem_pg1'\''' '/var/lib/postgresql/15/main/postgresql.auto.conf'`;
const PG_REWIND = `[pg1 as postgres] set -e
grep -Fxq -- 'wal_keep_size = '\\''2GB'\\''' '/var/lib/postgresql/15/main/postgresql.auto.conf' || printf '%s\\n' 'wal_keep_size = '\\''2GB'\\''' >> '/var/lib/postgresql/15/main/postgresql.auto.conf'
[ -e '/var/lib/postgresql/15/main.tandem-rejoin.auto.conf' ] || cp -p -- '/var/lib/postgresql/15/main/postgresql.auto.conf' '/var/lib/postgresql/15/main.tandem-rejoin.auto.conf'
if [ ! -e '/var/lib/postgresql/15/main.tandem-rejoin.config' ]; then
  mkdir -m 0700 -- '/var/lib/postgresql/15/main.tandem-rejoin.config'
  for f in 'postgresql.conf' 'pg_hba.conf' 'pg_ident.conf'; do if [ -f '/var/lib/postgresql/15/main'/"$f" ]; then cp -p -- '/var/lib/postgresql/15/main'/"$f" '/var/lib/postgresql/15/main.tandem-rejoin.config'/; fi; done
fi
fenced_signal=0
if [ -f '/var/lib/postgresql/15/main/standby.signal' ]; then fenced_signal=1; rm -f -- '/var/lib/postgresql/15/main/standby.signal'; fi
trap 'if [ "$fenced_signal" = 1 ]; then touch -- '/var/lib/postgresql/15/main/standby.signal'; fi' EXIT
PATH='/usr/lib/postgresql/15/bin':"$PATH" PGPASSFILE='/var/lib/postgresql/15/tandem-orders.pgpass' pg_rewind -D '/var/lib/postgresql/15/main' --source-server='host='\\''10.88.0.12'\\'' port='\\''5432'\\'' user='\\''replicator'\\'' dbname='\\''postgres'\\'' sslmode='\\''prefer'\\'' connect_timeout='\\''10'\\''' --progress --config-file='/etc/postgresql/15/main/postgresql.conf'
fenced_signal=0
cp -p -- '/var/lib/postgresql/15/main.tandem-rejoin.auto.conf' '/var/lib/postgresql/15/main/postgresql.auto.conf'
for f in 'postgresql.conf' 'pg_hba.conf' 'pg_ident.conf'; do if [ -f '/var/lib/postgresql/15/main.tandem-rejoin.config'/"$f" ]; then cp -p -- '/var/lib/postgresql/15/main.tandem-rejoin.config'/"$f" '/var/lib/postgresql/15/main'/; fi; done
rm -f -- '/var/lib/postgresql/15/main.tandem-rejoin.auto.conf'
rm -rf -- '/var/lib/postgresql/15/main.tandem-rejoin.config'`;
const KEEP_CHECK = `[pg1 as postgres] test -f '/var/lib/postgresql/15/main.tandem-rewind-20250101T120000Z/README' || { ${CONFIGURED.slice('[pg1 as postgres] '.length)}; }`;
/** Step positions in the rewind plan. */
const STOP = 4;
const REWIND = 6;

describe('the rewind step, through the rejoin plan', () => {
  it('runs pg_rewind with its exact command when pg1 forked, then starts pg1 only as a standby and clears its fence', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg2', ['pg1']);
    const pg1 = scriptRejoin(host, { rewind: exit(0, 'pg_rewind: servers diverged at WAL location 0/3000160 on timeline 1\npg_rewind: rewinding from last common checkpoint at 0/2000060 on timeline 1\npg_rewind: Done!') });

    const run = await runSteps(rejoinPlan(recorder), host);

    expect(run.result).toEqual({ status: 'succeeded', outcome: 'All 12 steps succeeded (1 already in place).' });
    expect(run.outcomes[STOP]).toBe('skipped: Already in place: Stop PostgreSQL on pg1.');
    expect(run.outcomes[REWIND]).toBe('succeeded: Done and verified.');
    expect(run.steps[REWIND]?.commands).toEqual([PG_REWIND]);
    expect(run.steps[REWIND]?.outputTail).toBe('pg_rewind: servers diverged at WAL location 0/3000160 on timeline 1\npg_rewind: rewinding from last common checkpoint at 0/2000060 on timeline 1\npg_rewind: Done!\n');
    const ran = host.ran('pg1');
    expect(ran.slice(0, 5)).toEqual([CONTROLDATA, expect.stringMatching(/^\[pg1 as postgres\] set -e\numask 077\n[^]*\n {2}\(stdin\)$/), "[pg1 as postgres] stat -c %a -- '/var/lib/postgresql/15/tandem-orders.pgpass'", STOPPED, KEEP_CHECK]);
    expect(ran.slice(ran.indexOf(PG_REWIND) - 2, ran.indexOf(PG_REWIND) + 1)).toEqual([expect.stringMatching(/^\[pg1 as postgres\] set -e\numask 077\nmkdir -p -- /), CONFIGURED, PG_REWIND]);
    expect(ran.filter((call) => call.includes("echo 'refusing to start: no standby.signal"))).toHaveLength(1);
    expect(ran.indexOf(PG_REWIND)).toBeLessThan(ran.findIndex((call) => call.includes('refusing to start')));
    expect(host.calls.find((call) => call.kind === 'shell' && call.command.startsWith('set -e\numask 077'))).toMatchObject({ stdin: ['11', '12', '13'].map((octet) => `10.88.0.${octet}:5432:*:replicator:repl-secret\n`).join('') });
    expect(host.ran('pg2')).toContain('[pg2 psql] CHECKPOINT');
    const hbaWrites = host.calls.filter((call) => call.kind === 'shell' && call.host === 'pg2' && call.command.includes('pg_hba file changed since it was read'));
    expect(hbaWrites.map((call) => (call.kind === 'shell' ? call.stdin : ''))).toEqual([
      'host\tpostgres\treplicator\t10.88.0.11/32\tscram-sha-256\t# tandem:orders-rewind\nlocal all postgres peer\nhost replication replicator 10.88.0.11/32 scram-sha-256 # tandem:orders\n',
      'local all postgres peer\nhost replication replicator 10.88.0.11/32 scram-sha-256 # tandem:orders\n',
    ]);
    expect(pg1.hba).not.toContain('tandem:orders-rewind');
    expect(recorder.changes).toEqual(['fence cleared pg1, slot tandem_pg1']);
  });

  it('lets pg_rewind say no rewind is needed (timelines match) and goes on to the standby setup', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg2', ['pg1']);
    scriptRejoin(host, { rewind: exit(0, 'pg_rewind: source and target cluster are on the same timeline\npg_rewind: no rewind required') });

    const run = await runSteps(rejoinPlan(recorder), host);

    expect(run.result.status).toBe('succeeded');
    expect(run.outcomes[REWIND]).toBe('succeeded: Done and verified.');
    expect(run.steps[REWIND]?.outputTail).toContain('pg_rewind: no rewind required');
    expect(host.ran('pg1').filter((call) => call.includes('pg_rewind -D'))).toEqual([PG_REWIND]);
  });

  it('passes over the rewind when pg1 is already configured as a standby of pg2 (a resume after it): pg_rewind does not run', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg2', ['pg1']);
    scriptRejoin(host, { configured: true });

    const run = await runSteps(rejoinPlan(recorder), host);

    expect(run.outcomes[REWIND]).toBe('skipped: Already in place: Rewind pg1 from pg2 with pg_rewind.');
    expect(run.outcomes[REWIND - 1]).toBe("skipped: Already in place: Keep a copy of pg1's WAL since its fork from pg2.");
    expect(run.outcomes[REWIND + 1]).toBe('skipped: Already in place: Configure pg1 as a standby of pg2.');
    expect(host.ran('pg1').some((call) => call.includes('pg_rewind -D'))).toBe(false);
    expect(run.result.status).toBe('succeeded');
  });

  it('when pg_rewind fails, stops the rejoin with its last error line and never starts pg1', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg2', ['pg1']);
    scriptRejoin(host, { rewind: exit(1, 'pg_rewind: connected to server', "pg_rewind: error: could not find common ancestor of the source and target cluster's timelines\n") });

    const run = await runSteps(rejoinPlan(recorder), host);

    expect(run.result.outcome).toBe("Failed at step 7 “Rewind pg1 from pg2 with pg_rewind” on pg1: pg_rewind failed on pg1: pg_rewind: error: could not find common ancestor of the source and target cluster's timelines. pg1 is still stopped and fenced; rejoin it again “From the latest backup” when the cluster has backups (the repository serves the copy, not the primary), or with “Rebuild from a base backup” (its data directory is moved aside, never deleted).");
    expect(run.steps.slice(REWIND).map((step) => step.status)).toEqual(['failed', 'pending', 'pending', 'pending', 'pending', 'pending']);
    expect(host.ran('pg1').at(-1)).toBe(PG_REWIND);
    expect(host.ran('pg1').some((call) => call.includes('refusing to start'))).toBe(false);
    expect(recorder.fenced.has('pg1')).toBe(true);
  });

  it('refuses pg_rewind when neither data checksums nor wal_log_hints are on, offering a rebuild, before anything changes', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg2', ['pg1']);
    scriptRejoin(host, { controldata: 'Database cluster state:               shut down\nwal_log_hints setting:                off\nData page checksum version:           0\n' });

    const run = await runSteps(rejoinPlan(recorder), host);

    expect(run.outcomes[0]).toBe('failed: pg_rewind needs data checksums or wal_log_hints on pg1, and neither is on. Rebuild it from a base backup instead (its data directory is moved aside, never deleted).');
    expect(host.ran()).toEqual([CONTROLDATA]);
  });
});

describe('the rebuild step, through the rejoin plan', () => {
  it('moves pg1’s data directory aside and clones pg2 with pg_basebackup through its slot, then starts it as a standby', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg2', ['pg1']);
    scriptRejoin(host);
    host.onShell('pg1', /pg_basebackup/, exit(0, "old data directory kept at '/var/lib/postgresql/15/main.tandem-20250101T120000Z'"));

    const run = await runSteps(rejoinPlan(recorder, 'rebuild'), host);

    expect(run.result.status).toBe('succeeded');
    expect(run.outcomes[2]).toBe('succeeded: pg1 holds a fresh copy of pg2; its old data directory is kept at /var/lib/postgresql/15/main.tandem-20250101T120000Z.');
    expect(run.steps[2]?.commands).toEqual([
      "[pg2 as postgres] psql\nSELECT pg_create_physical_replication_slot(:'slot_name', true) FROM (SELECT 1) AS one WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = :'slot_name')\n  with slot_name=tandem_pg1",
      `[pg1 as root] set -e
if [ ! -e '/var/lib/postgresql/15/main.tandem-20250101T120000Z' ]; then mv -- '/var/lib/postgresql/15/main' '/var/lib/postgresql/15/main.tandem-20250101T120000Z'; else find '/var/lib/postgresql/15/main' -mindepth 1 -delete; fi
install -d -o postgres -g postgres -m 0700 -- '/var/lib/postgresql/15/main'
runuser -u postgres -- env PGPASSFILE='/var/lib/postgresql/15/tandem-orders.pgpass' PATH='/usr/lib/postgresql/15/bin':"$PATH" pg_basebackup -h '10.88.0.12' -p '5432' -U 'replicator' -D '/var/lib/postgresql/15/main' -X stream -S 'tandem_pg1' --checkpoint=fast -w
if [ -f '/var/lib/postgresql/15/main.tandem-20250101T120000Z/postgresql.auto.conf' ]; then cp -p -- '/var/lib/postgresql/15/main.tandem-20250101T120000Z/postgresql.auto.conf' '/var/lib/postgresql/15/main/postgresql.auto.conf'; fi
for f in 'postgresql.conf' 'pg_hba.conf' 'pg_ident.conf'; do if [ -f '/var/lib/postgresql/15/main.tandem-20250101T120000Z'/\"$f\" ]; then cp -p -- '/var/lib/postgresql/15/main.tandem-20250101T120000Z'/\"$f\" '/var/lib/postgresql/15/main'/; fi; done
echo "old data directory kept at '/var/lib/postgresql/15/main.tandem-20250101T120000Z'"`,
    ]);
    expect(host.ran('pg1').some((call) => call.includes('pg_rewind'))).toBe(false);
    expect(recorder.changes).toEqual(['fence cleared pg1, slot tandem_pg1']);
  });
});
