/**
 * Environment of the monitoring benches, imported before any lib/ module: the app database is
 * PGlite in a fresh temporary data directory (as a single-instance install runs it), removed by
 * `removeBenchDataDir` at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BENCH_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-monitor-'));
delete process.env.DATABASE_URL;
process.env.TANDEM_DATA_DIR = BENCH_DATA_DIR;
process.env.TANDEM_SECRET_KEY ??= 'b'.repeat(64);
process.env.TANDEM_LAB_STATE ??= '/work/main/lab/.state';

export function removeBenchDataDir(): void {
  rmSync(BENCH_DATA_DIR, { recursive: true, force: true });
}
