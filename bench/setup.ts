/**
 * Setup benchmark (reports, asserts nothing): time of Tandem's setup of one replica vs the
 * same steps typed as raw commands over SSH vs `repmgr standby clone`, on a fresh 2-host lab
 * whose primary holds `pgbench -i -s 50` (~750 MiB). Run as root: npm run bench:setup.
 * BENCH_RUNS (default 3) rounds, each variant on a fresh lab; BENCH_MAX_MINUTES (default 45)
 * stops starting new rounds; TANDEM_LAB_KEEP=1 leaves the lab up at the end.
 */
import { labDown } from '@/lab/client';
import { freshFilledLab, PGBENCH_SCALE, psql } from './lib/lab-prep';
import { acquireLabRunLock, releaseLabRunLock } from '../lab/run-lock';
import { rawSetup } from './lib/raw';
import { ensureRepmgr, repmgrSetup } from './lib/repmgr';
import { environment, median, ratio, slowestSteps, table } from './lib/report';
import { stepLines, tandemSetup } from './lib/tandem';
import { sshRoundTrip } from './lib/typed';
import type { StepTiming } from './lib/types';

const RUNS = Number(process.env.BENCH_RUNS ?? '3');
const MAX_MS = Number(process.env.BENCH_MAX_MINUTES ?? '45') * 60_000;

const tandem: number[] = [];
const prepare: number[] = [];
const tandemSteps: StepTiming[][] = [];
const raw: number[] = [];
const rawCommands: number[] = [];
const roundTrips: number[] = [];
const repmgrReplica: number[] = [];
const repmgrTotal: number[] = [];
const dbBytes: number[] = [];
let pgVersion = 'unknown';
let repmgrSkip: string | null = null;

async function fill(label: string): Promise<void> {
  const lab = await freshFilledLab();
  dbBytes.push(lab.dbBytes);
  pgVersion = await psql('pg1', 'SHOW server_version');
  console.log(`  ${label}: fresh lab + pgbench fill in ${lab.seconds.toFixed(1)} s (${(lab.dbBytes / 1024 ** 2).toFixed(0)} MiB)`);
}

async function round(n: number): Promise<void> {
  console.log(`round ${n}`);
  await fill('tandem');
  const result = await tandemSetup();
  tandem.push(result.setupSeconds);
  prepare.push(result.prepareSeconds);
  tandemSteps.push([...result.steps]);
  console.log(`  tandem: prepare ${result.prepareSeconds.toFixed(2)} s, setup ${result.setupSeconds.toFixed(2)} s\n${stepLines(result.steps)}`);
  await fill('raw');
  roundTrips.push(await sshRoundTrip('pg1'));
  const typedRun = await rawSetup();
  raw.push(typedRun.seconds);
  rawCommands.push(typedRun.commands);
  console.log(`  raw: ${typedRun.seconds.toFixed(2)} s, ${typedRun.commands} ssh commands (one ssh + true: ${roundTrips.at(-1)?.toFixed(3)} s)`);
  if (repmgrSkip !== null) return;
  await fill('repmgr');
  try {
    const times = await repmgrSetup();
    repmgrReplica.push(times.replicaSeconds);
    repmgrTotal.push(times.primaryPrepSeconds + times.replicaSeconds);
    console.log(`  repmgr: primary prep ${times.primaryPrepSeconds.toFixed(2)} s, standby side ${times.replicaSeconds.toFixed(2)} s`);
  } catch (error) {
    repmgrSkip = `repmgr failed here: ${error instanceof Error ? error.message : String(error)}`;
    console.log(`  ${repmgrSkip}`);
  }
}

function report(rounds: number): void {
  const line = '-'.repeat(100);
  console.log(`\n${line}\nSetup of one replica (pg1 → pg2), ${rounds} round(s), fresh lab per variant and round, ${new Date().toISOString()}`);
  for (const text of environment(dbBytes, pgVersion, PGBENCH_SCALE)) console.log(text);
  console.log(`raw: ${rawCommands.join('/')} ssh connections per run (incl. streaming polls); one \`ssh pg1 true\`: ${median(roundTrips).toFixed(3)} s (median)`);
  console.log(line);
  console.log(table([
    { label: 'Tandem setup (startOperation → done)', runs: tandem },
    { label: 'Tandem prepare (preflight + plan)', runs: prepare },
    { label: 'raw commands over SSH', runs: raw },
    { label: 'repmgr standby side (stop → register)', runs: repmgrReplica },
    { label: 'repmgr incl. primary prep and register', runs: repmgrTotal },
  ]));
  console.log(line);
  console.log(ratio('Tandem / raw', tandem, raw, 1.15));
  console.log(ratio('Tandem incl. prepare / raw', tandem.map((value, i) => value + (prepare[i] ?? 0)), raw));
  const rawLessConnects = raw.map((value, i) => value - (rawCommands[i] ?? 0) * (roundTrips[i] ?? 0));
  console.log(ratio('Tandem / raw less its SSH connects (estimate)', tandem, rawLessConnects));
  console.log(ratio('repmgr (incl. primary prep) / raw', repmgrTotal, raw));
  console.log(ratio('repmgr standby side / raw', repmgrReplica, raw));
  if (repmgrSkip) console.log(`repmgr: ${repmgrSkip}`);
  console.log(`Tandem's three slowest steps (median over runs):\n${slowestSteps(tandemSteps, 3).join('\n')}`);
  console.log(`${line}\nmedian Tandem ${median(tandem).toFixed(2)} s vs raw ${median(raw).toFixed(2)} s`);
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('The bench needs root (the lab creates namespaces and mounts).');
  repmgrSkip = ensureRepmgr();
  if (repmgrSkip) console.log(`repmgr: ${repmgrSkip} — skipping it`);
  await acquireLabRunLock('bench');
  const started = Date.now();
  let rounds = 0;
  try {
    while (rounds < RUNS && (rounds === 0 || Date.now() - started < MAX_MS)) await round(++rounds);
    report(rounds);
  } finally {
    if (process.env.TANDEM_LAB_KEEP === '1') console.log('TANDEM_LAB_KEEP=1: the lab stays up');
    else await labDown();
    releaseLabRunLock();
  }
}

await main();
