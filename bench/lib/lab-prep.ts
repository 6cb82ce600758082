/**
 * Lab preparation for the setup bench: a fresh 2-host lab whose primary holds a pgbench
 * database, checkpointed so every variant starts from the same state.
 */
import { assertLabAddress, labDown, labHost, labSsh, labUp, type LabState } from '@/lab/client';
import { releaseLabRunLock } from '../../lab/run-lock';

export const PGBENCH_SCALE = Number(process.env.BENCH_PGBENCH_SCALE ?? '50');

/** Runs a command on a lab host as root over ssh (`input` on its stdin); throws with its stderr when it fails. */
export async function onHost(host: string, cmd: string, timeoutMs = 600_000, input?: string): Promise<string> {
  assertLabAddress(labHost(host).address);
  const result = await labSsh(host, cmd, { timeoutMs, input });
  if (result.code !== 0) throw new Error(`${host}: ${cmd.slice(0, 120)} → exit ${result.code}: ${result.stderr.trim().slice(-600)}`);
  return result.stdout.trim();
}

/** psql as postgres on the host, one query, unaligned tuples-only output. */
export function psql(host: string, query: string, timeoutMs?: number): Promise<string> {
  return onHost(host, `cd / && runuser -u postgres -- psql -XAtqc ${shellQuote(query)}`, timeoutMs);
}

export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export interface PreparedLab {
  readonly state: LabState;
  readonly dbBytes: number;
  readonly seconds: number;
}

/** Fresh pg1..pg`hosts` (default pg1+pg2), pgbench -i -s SCALE on pg1 (database postgres), CHECKPOINT. */
export async function freshFilledLab(hosts = 2): Promise<PreparedLab> {
  const started = performance.now();
  const state = await labUp(hosts, { fresh: true });
  for (const host of state.hosts) assertLabAddress(host.address, state);
  await onHost('pg1', `cd / && runuser -u postgres -- pgbench -q -i -s ${PGBENCH_SCALE} postgres`, 1_800_000);
  await psql('pg1', 'CHECKPOINT');
  const dbBytes = Number(await psql('pg1', "SELECT pg_database_size('postgres')"));
  return { state, dbBytes, seconds: (performance.now() - started) / 1000 };
}

/** The end of a bench's lab run: the lab taken down unless TANDEM_LAB_KEEP=1, then the lab run lock released. */
export async function endLabRun(): Promise<void> {
  try {
    if (process.env.TANDEM_LAB_KEEP === '1') console.log('TANDEM_LAB_KEEP=1: the lab stays up');
    else await labDown();
  } finally {
    releaseLabRunLock();
  }
}
