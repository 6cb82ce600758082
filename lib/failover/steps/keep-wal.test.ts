import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { member, ordersCluster } from '../testing/failover-fixture';
import { MemoryRecorder } from '../testing/memory-recorder';
import { runSteps } from '../testing/run-steps';
import { exit, ScriptedHost, type ShellCall } from '../testing/scripted-host';
import { PG2_HISTORY, rejoinPlan, scriptRejoin } from '../testing/scripted-rejoin';
import { keepWalStep } from './keep-wal';

const KEPT = '/var/lib/postgresql/15/main.tandem-rewind-20250101T120000Z';
const CONTROLDATA = `[pg1 as postgres] LC_ALL=C PATH='/usr/lib/postgresql/15/bin':"$PATH" pg_controldata -D '/var/lib/postgresql/15/main'`;
const SELECT_FROM_FORK = `ls -1 | grep -E '^[0-9A-F]{24}(\\.partial)?$|^[0-9A-F]{8}\\.history$' | awk -v first='000000010000000000000003' '/history$/ || ("" $0) >= first'`;
const MEASURE = `[pg1 as postgres] set -e
cd -- '/var/lib/postgresql/15/main/pg_wal'
need=$(${SELECT_FROM_FORK} | while IFS= read -r f; do stat -c %s -- "$f"; done | awk '{ s += $1 } END { printf "%.0f\\n", s }')
free=$(df -Pk -- '/var/lib/postgresql/15' | awk 'NR == 2 { printf "%.0f\\n", $4 * 1024 }')
echo "$need $free"`;
const WALDUMP = `/usr/lib/postgresql/15/bin/pg_waldump --path=${KEPT}/pg_wal --timeline=1 --start=0/3000160`;
const COPY = `[pg1 as postgres] set -e
umask 077
mkdir -p -- '${KEPT}/pg_wal' '${KEPT}/global'
chmod 0700 -- '${KEPT}'
cd -- '/var/lib/postgresql/15/main/pg_wal'
${SELECT_FROM_FORK} | while IFS= read -r f; do cp -p -- "$f" '${KEPT}/pg_wal/'; done
cp -p -- '/var/lib/postgresql/15/main/global/pg_control' '${KEPT}/global/pg_control'
if [ -f '/var/lib/postgresql/15/main/postgresql.auto.conf' ]; then cp -p -- '/var/lib/postgresql/15/main/postgresql.auto.conf' '${KEPT}/postgresql.auto.conf'; fi
printf '%s\\n' 'WAL of pg1, kept by Tandem before pg_rewind made it a standby of pg2.' 'pg_wal/ holds its segments from the fork at 0/3000160 on timeline 1 on: what pg_rewind discards.' 'global/pg_control and postgresql.auto.conf are as they were before pg_rewind.' 'Read it with: ${WALDUMP}' 'Tandem never deletes this directory; remove it once nobody needs what it holds.' > '${KEPT}/README'
echo "kept $(du -sk -- '${KEPT}' | cut -f 1) KiB in "'${KEPT}'`;
/** Step positions in the rewind plan. */
const KEEP = 5;
const isRewind = (call: string) => call.includes('pg_rewind -D');

describe('the WAL kept before pg_rewind, through the rejoin plan', () => {
  it('copies pg1’s WAL from the segment holding the fork on, with exact commands, before pg_rewind runs, and says how to read it', async () => {
    const host = new ScriptedHost();
    scriptRejoin(host);

    const run = await runSteps(rejoinPlan(new MemoryRecorder('pg2', ['pg1'])), host);

    expect(run.result.status).toBe('succeeded');
    expect(run.outcomes[KEEP]).toBe(`succeeded: Kept 48 MiB of pg1's WAL since its fork at 0/3000160 on timeline 1 in ${KEPT}, never deleted by Tandem. Read it with: ${WALDUMP}`);
    expect(run.steps[KEEP]?.commands).toEqual([
      CONTROLDATA,
      '[pg2 as postgres] psql\nSELECT timeline_id FROM pg_control_checkpoint()',
      "[pg2 as postgres] cat -- '/var/lib/postgresql/15/main/pg_wal/00000002.history'",
      MEASURE,
      COPY,
    ]);
    expect(run.steps[KEEP]?.outputTail).toContain(`kept 49160 KiB in '${KEPT}'`);
    expect(run.metrics).toMatchObject({ rewindKeptBytes: 48 * 1024 * 1024 });
    const ran = host.ran('pg1');
    expect(ran.indexOf(COPY)).toBeGreaterThan(ran.indexOf(MEASURE));
    expect(ran.findIndex(isRewind)).toBeGreaterThan(ran.indexOf(COPY));
    expect(ran.some((call) => call.includes(`rm -rf -- '${KEPT}`) || call.includes(`rm -f -- '${KEPT}`))).toBe(false);
  });

  it('refuses, before pg_rewind, when the file system beside the data directory has too little room for the copy', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg2', ['pg1']);
    scriptRejoin(host, { room: `${48 * 1024 * 1024} ${200 * 1024 * 1024}\n` });

    const run = await runSteps(rejoinPlan(recorder), host);

    expect(run.result.outcome).toBe('Failed at step 6 “Keep a copy of pg1\'s WAL since its fork from pg2” on pg1: pg1 has 200 MiB free beside its data directory, too little for a copy of its 48 MiB of WAL since the fork with 256 MiB to spare. That WAL would be discarded by pg_rewind, so Tandem went no further. Free space there and retry, or rejoin it with “Rebuild from a base backup” (its data directory is moved aside whole, never deleted).');
    expect(host.ran('pg1').at(-1)).toBe(MEASURE);
    expect(host.ran('pg1').some(isRewind)).toBe(false);
    expect(recorder.fenced.has('pg1')).toBe(true);
  });

  it('keeps every segment when pg2’s history does not say where pg1’s timeline ended', async () => {
    const host = new ScriptedHost();
    scriptRejoin(host, { history: exit(1, '', "cat: '/var/lib/postgresql/15/main/pg_wal/00000002.history': No such file or directory") });

    const run = await runSteps(rejoinPlan(new MemoryRecorder('pg2', ['pg1'])), host);

    expect(run.outcomes[KEEP]).toBe(`succeeded: Kept 48 MiB of pg1's WAL (all its segments: the fork could not be read) in ${KEPT}, never deleted by Tandem. Read it with: /usr/lib/postgresql/15/bin/pg_waldump --path=${KEPT}/pg_wal --timeline=1 <a segment file in ${KEPT}/pg_wal>`);
    expect(run.steps[KEEP]?.outputTail).toContain("No such file or directory; keeping all of pg1's WAL segments");
    expect(host.ran('pg1').filter((call) => call.includes("awk -v first='000000000000000000000000'"))).toHaveLength(2);
  });

  it('copies nothing when pg1 is on pg2’s timeline (it did not fork)', async () => {
    const host = new ScriptedHost();
    scriptRejoin(host);
    host.onSql('pg2', 'SELECT timeline_id FROM pg_control_checkpoint()', [{ timeline_id: '1' }]);

    const run = await runSteps(rejoinPlan(new MemoryRecorder('pg2', ['pg1'])), host);

    expect(run.outcomes[KEEP]).toBe("succeeded: pg1 is on pg2's timeline 1: it did not fork, so pg_rewind discards nothing of its own and nothing was copied.");
    expect(host.ran('pg1').some((call) => call.includes('mkdir -p --') || call.includes('df -Pk'))).toBe(false);
    expect(run.result.status).toBe('succeeded');
  });
});

describe('the WAL copy on a real file system (run in a real sh)', () => {
  it('copies the segments from the fork on, every history, pg_control and postgresql.auto.conf into a 0700 directory, and is passed over once whole', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tandem-keep-'));
    const data = join(root, '15', 'main');
    const pg1 = { ...member('pg1', 11), dataDirectory: data };
    try {
      await mkdir(join(data, 'pg_wal', 'archive_status'), { recursive: true });
      await mkdir(join(data, 'global'));
      const segments = ['000000010000000000000002', '000000010000000000000003', '00000001000000000000000A', '00000001000000000000000B.partial', '00000001.history'];
      await Promise.all([...segments.map((name) => writeFile(join(data, 'pg_wal', name), 'w'.repeat(1000))), writeFile(join(data, 'global', 'pg_control'), 'c'), writeFile(join(data, 'postgresql.auto.conf'), "port = '5432'\n")]);
      const host = new ScriptedHost();
      host.onShell('pg1', () => true, (call: ShellCall) => {
        const done = spawnSync('sh', ['-c', call.command], { encoding: 'utf8' });
        return exit(done.status, done.stdout, done.stderr);
      });
      host.onShell('pg1', /pg_controldata -D/, exit(0, "Latest checkpoint's TimeLineID:       1\nBytes per WAL segment:                16777216\n"));
      host.onSql('pg2', 'SELECT timeline_id FROM pg_control_checkpoint()', [{ timeline_id: '2' }]);
      host.onShell('pg2', "cat -- '/var/lib/postgresql/15/main/pg_wal/00000002.history'", exit(0, PG2_HISTORY));
      const kept = `${data}.tandem-rewind-20250101T120000Z`;

      const run = await runSteps([keepWalStep(ordersCluster, pg1, member('pg2', 12), '20250101T120000Z')], host);

      expect(run.outcomes[0]).toMatch(new RegExp(`^succeeded: Kept 3.9 KiB of pg1's WAL since its fork at 0/3000160 on timeline 1 in ${kept}, never deleted by Tandem\\.`));
      expect((await readdir(join(kept, 'pg_wal'))).sort()).toEqual(['00000001.history', '000000010000000000000003', '00000001000000000000000A', '00000001000000000000000B.partial']);
      expect(await readFile(join(kept, 'postgresql.auto.conf'), 'utf8')).toBe("port = '5432'\n");
      expect(await readFile(join(kept, 'global', 'pg_control'), 'utf8')).toBe('c');
      expect(await readFile(join(kept, 'README'), 'utf8')).toContain(`Read it with: /usr/lib/postgresql/15/bin/pg_waldump --path=${kept}/pg_wal --timeline=1 --start=0/3000160\n`);
      expect((await stat(kept)).mode & 0o777).toBe(0o700);

      const again = await runSteps([keepWalStep(ordersCluster, pg1, member('pg2', 12), '20250101T120000Z')], host);

      expect(again.outcomes).toEqual([`skipped: Already in place: Keep a copy of pg1's WAL since its fork from pg2.`]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
