import { describe, expect, it } from 'vitest';
import type { Step } from '@/lib/replication/engine/types';
import { MemoryRecorder } from '../testing/memory-recorder';
import { runSteps } from '../testing/run-steps';
import { exit, ScriptedHost } from '../testing/scripted-host';
import { rejoinPlan, scriptRejoin } from '../testing/scripted-rejoin';

const RESTORE = String.raw`[pg1 as postgres] set -e
if [ -f '/var/lib/postgresql/15/main/postgresql.auto.conf' ] && [ ! -e '/var/lib/postgresql/15/main.tandem-rejoin.auto.conf' ]; then cp -p -- '/var/lib/postgresql/15/main/postgresql.auto.conf' '/var/lib/postgresql/15/main.tandem-rejoin.auto.conf'; fi
if [ ! -e '/var/lib/postgresql/15/main.tandem-rejoin.config' ]; then
  mkdir -m 0700 -- '/var/lib/postgresql/15/main.tandem-rejoin.config'
  for f in 'postgresql.conf' 'pg_hba.conf' 'pg_ident.conf'; do if [ -f '/var/lib/postgresql/15/main'/"$f" ]; then cp -p -- '/var/lib/postgresql/15/main'/"$f" '/var/lib/postgresql/15/main.tandem-rejoin.config'/; fi; done
fi
cd / && pgbackrest '--stanza=orders' '--pg1-path=/var/lib/postgresql/15/main' --delta --type=standby --target-timeline=latest --log-level-console=info restore
fetch=$(grep -E '^restore_command[[:space:]]*=' -- '/var/lib/postgresql/15/main/postgresql.auto.conf' | tail -n 1 || true)
if [ -e '/var/lib/postgresql/15/main.tandem-rejoin.auto.conf' ]; then cp -p -- '/var/lib/postgresql/15/main.tandem-rejoin.auto.conf' '/var/lib/postgresql/15/main/postgresql.auto.conf'; fi
for f in 'postgresql.conf' 'pg_hba.conf' 'pg_ident.conf'; do if [ -f '/var/lib/postgresql/15/main.tandem-rejoin.config'/"$f" ]; then cp -p -- '/var/lib/postgresql/15/main.tandem-rejoin.config'/"$f" '/var/lib/postgresql/15/main'/; fi; done
if [ -n "$fetch" ]; then
  sed -i -e '/^[[:space:]]*restore_command[[:space:]]*=/d' -- '/var/lib/postgresql/15/main/postgresql.auto.conf'
  printf '%s\n' "$fetch" >> '/var/lib/postgresql/15/main/postgresql.auto.conf'
fi
rm -f -- '/var/lib/postgresql/15/main.tandem-rejoin.auto.conf'
rm -rf -- '/var/lib/postgresql/15/main.tandem-rejoin.config'`;

/** Stands for the repository access steps (SSH trust, the stanza's file) the rejoin kind plans; records when it ran. */
function accessStep(ran: string[]): Step {
  return { name: 'Give pg1 access to the repository', host: 'pg1', deadlineMs: 1000, describe: () => ({ commands: [] }), check: async () => false, run: async () => { ran.push('access'); }, verify: async () => undefined };
}

describe('a rejoin from the latest backup', () => {
  it('gives pg1 repository access before stopping it, keeps its WAL since the fork, restores with --delta --type=standby, then starts it as a standby and clears its fence', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg2', ['pg1']);
    scriptRejoin(host, { running: true });
    host.onShell('pg1', /pgbackrest '--stanza=orders'/, exit(0, 'P00   INFO: restore command end: completed successfully'));
    const order: string[] = [];

    const plan = rejoinPlan(recorder, 'backup', [accessStep(order)]);
    const run = await runSteps(plan, host);

    expect(run.result.status).toBe('succeeded');
    expect(plan.map((step) => step.name)).toEqual([
      'Write the replication passfile on pg1', 'Give pg1 access to the repository', 'Stop PostgreSQL on pg1', "Keep a copy of pg1's WAL since its fork from pg2",
      'Restore pg1 from the latest backup of stanza orders', 'Configure pg1 as a standby of pg2', 'Restore the systemd units of pg1 as before its fence', 'Start pg1 as a standby and verify it streams from pg2', 'Clear the fence on pg1', 'Measure and notify: pg1 rejoined',
    ]);
    expect(order).toEqual(['access']);
    const ran = host.ran('pg1');
    expect(ran.filter((call) => call.includes('pgbackrest'))).toEqual([RESTORE]);
    expect(ran.findIndex((call) => call.endsWith("stop -m fast"))).toBeLessThan(ran.indexOf(RESTORE));
    expect(ran.findIndex((call) => call.includes('mkdir -p -- '))).toBeLessThan(ran.indexOf(RESTORE));
    expect(ran.indexOf(RESTORE)).toBeLessThan(ran.findIndex((call) => call.includes('refusing to start')));
    expect(ran.some((call) => call.includes('pg_rewind') || call.includes('pg_basebackup'))).toBe(false);
    expect(recorder.changes).toEqual(['fence cleared pg1, slot tandem_pg1']);
  });

  it('stops with pgBackRest\'s last error line when the restore fails, leaving pg1 stopped and fenced', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg2', ['pg1']);
    scriptRejoin(host);
    host.onShell('pg1', /pgbackrest '--stanza=orders'/, exit(1, '', 'ERROR: [039]: HTTP request failed with 403 (Forbidden)\n'));

    const run = await runSteps(rejoinPlan(recorder, 'backup', [accessStep([])]), host);

    expect(run.result.outcome).toBe('Failed at step 5 “Restore pg1 from the latest backup of stanza orders” on pg1: The restore of pg1 from stanza orders failed: ERROR: [039]: HTTP request failed with 403 (Forbidden). pg1 is still stopped and fenced; rejoin it again once the repository answers, or with “Rebuild from a base backup”.');
    expect(host.ran('pg1').some((call) => call.includes('refusing to start'))).toBe(false);
    expect(recorder.fenced.has('pg1')).toBe(true);
  });

  it('is not planned without the stanza and the repository access steps', () => {
    expect(() => rejoinPlan(new MemoryRecorder('pg2', ['pg1']), 'backup')).toThrow(/needs the stanza/);
  });
});
