/**
 * Promote benchmark (reports, asserts nothing), on one fresh lab: Tandem promote (action
 * call → new primary writable, fencing of the old primary included) vs the raw commands
 * (fast stop, `SELECT pg_promote()`, one write, over SSH), alternating pg1 ⇄ pg2 with a
 * Tandem rejoin (pg_rewind) between runs; then `repmgr standby promote` (Debian's
 * postgresql-15-repmgr, installed if missing) the same way; then drills (switchover there and back while a
 * client commits) for the switchover write gap and lost transactions. Run as root:
 * npm run bench:promote. BENCH_RUNS (default 5) rounds.
 */
import { labUp } from '@/lab/client';
import { acquireLabRunLock } from '../lab/run-lock';
import type { StartOutcome } from '@/lib/operations/rejoin/request';
import { endLabRun } from './lib/lab-prep';
import { median, ratio, table } from './lib/report';
import { finished as finishedOperation } from './lib/operation';
import { rawPromote } from './lib/promote-raw';
import { ensureRepmgr } from './lib/repmgr';
import { prepareRepmgrPromote, repmgrPromote, repmgrRegisterStandby } from './lib/repmgr-promote';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY ??= 'b'.repeat(64);

const RUNS = Number(process.env.BENCH_RUNS ?? '5');
const actor = { id: null, email: 'bench@example.com', clientAddress: null };

const { getSshPool } = await import('@/lib/ssh/pool');
const { labSetupForm, registerLabHosts, startLabSetup } = await import('@/lib/setup/testing/lab-fixture');
const { dbFailoverRecorder } = await import('@/lib/db/failover');
const { requestPromote } = await import('@/lib/operations/promote/request');
const { requestRejoin } = await import('@/lib/operations/rejoin/request');
const { requestDrill } = await import('@/lib/operations/drill/request');

const finished = (outcome: StartOutcome): Promise<Record<string, number>> => finishedOperation(outcome, actor);

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('The bench needs root (the lab creates namespaces and mounts).');
  await acquireLabRunLock('bench');
  const tandem: number[] = [];
  const tandemTotal: number[] = [];
  const raw: number[] = [];
  const repmgrRuns: number[] = [];
  let repmgrSkip: string | null = null;
  const gaps: number[] = [];
  const lost: number[] = [];
  try {
    await labUp(2, { fresh: true });
    const ids = await registerLabHosts(['pg1', 'pg2']);
    const setup = await startLabSetup(labSetupForm(ids.pg1 ?? 0, [ids.pg2 ?? 0], { clusterName: 'bench' }));
    await finished({ ok: true, operationId: setup.operationId });
    const clusterId = setup.clusterId;
    const recorder = dbFailoverRecorder(clusterId, 'bench', async () => undefined);
    /** A promote made outside Tandem: record it, then rejoin the old primary with pg_rewind. */
    const rejoinAfterOutsidePromote = async (oldPrimary: string, promoted: string, by: string): Promise<void> => {
      await recorder.setPrimary(promoted);
      await recorder.markFenced(oldPrimary, `bench: ${by} promote`, true);
      await finished(await requestRejoin(clusterId, oldPrimary, 'bench', actor, Date.now()));
    };
    let primary = 'pg1';
    let standby = 'pg2';
    for (let round = 1; round <= RUNS; round += 1) {
      const metrics = await finished(await requestPromote(clusterId, { candidate: standby, confirmName: 'bench', reason: 'bench', acknowledgeDown: false, overrideBytes: '' }, actor, Date.now()));
      tandem.push((metrics.rtoWritableMs ?? Number.NaN) / 1000);
      tandemTotal.push((metrics.rtoTotalMs ?? Number.NaN) / 1000);
      await finished(await requestRejoin(clusterId, primary, 'bench', actor, Date.now()));
      [primary, standby] = [standby, primary];
      const rawSeconds = await rawPromote(primary, standby);
      raw.push(rawSeconds);
      await rejoinAfterOutsidePromote(primary, standby, 'raw');
      [primary, standby] = [standby, primary];
      console.log(`round ${round}: Tandem ${tandem.at(-1)?.toFixed(2)} s to writable (${tandemTotal.at(-1)?.toFixed(2)} s in all), raw ${rawSeconds.toFixed(2)} s`);
    }
    repmgrSkip = ensureRepmgr();
    if (repmgrSkip === null) {
      await prepareRepmgrPromote(primary, standby);
      for (let round = 1; round <= RUNS; round += 1) {
        const seconds = await repmgrPromote(primary, standby);
        repmgrRuns.push(seconds);
        await rejoinAfterOutsidePromote(primary, standby, 'repmgr');
        await repmgrRegisterStandby(primary);
        [primary, standby] = [standby, primary];
        console.log(`repmgr round ${round}: ${seconds.toFixed(2)} s`);
      }
    }
    for (let drill = 1; drill <= Math.ceil(RUNS / 2); drill += 1) {
      const metrics = await finished(await requestDrill(clusterId, { candidate: standby, confirmName: 'bench', reason: 'bench' }, actor, Date.now()));
      gaps.push((metrics.thereWriteGapMs ?? Number.NaN) / 1000, (metrics.backWriteGapMs ?? Number.NaN) / 1000);
      lost.push(metrics.drillLost ?? Number.NaN);
      console.log(`drill ${drill}: write gaps ${(metrics.thereWriteGapMs ?? 0) / 1000} s and ${(metrics.backWriteGapMs ?? 0) / 1000} s, ${metrics.drillCommits} commits, ${metrics.drillLost} lost`);
    }
    const line = '-'.repeat(100);
    console.log(`\n${line}\nPromote on the lab (2 hosts, PostgreSQL 15), ${RUNS} round(s), ${new Date().toISOString()}\n${line}`);
    console.log(table([
      { label: 'Tandem promote (call → writable, fence incl.)', runs: tandem },
      { label: 'Tandem promote (call → all steps done)', runs: tandemTotal },
      { label: 'raw: stop -m fast, pg_promote(), a write', runs: raw },
      { label: 'repmgr: stop -m fast, standby promote, write', runs: repmgrRuns },
      { label: 'switchover write gap under load (drills)', runs: gaps },
    ]));
    console.log(line);
    console.log(ratio('Tandem / raw', tandem, raw, 1.5));
    console.log(repmgrSkip === null ? ratio('Tandem / repmgr', tandem, repmgrRuns) : `repmgr skipped: ${repmgrSkip}`);
    console.log(`Tandem median ${median(tandem).toFixed(2)} s (target ≤ 1.5 s: ${median(tandem) <= 1.5 ? 'met' : 'MISSED'}); switchover gap median ${median(gaps).toFixed(2)} s (target ≤ 3 s: ${median(gaps) <= 3 ? 'met' : 'MISSED'}); lost transactions over all drills: ${lost.reduce((sum, value) => sum + value, 0)}`);
  } finally {
    getSshPool().closeAll();
    await endLabRun();
  }
}

await main();
process.exit(0);
