/** Runs tandem-run.ts in a child process (fresh in-memory Tandem database each time). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StepTiming, TandemRunResult } from './types';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

function isResult(value: unknown): value is TandemRunResult {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.prepareSeconds === 'number' && typeof record.setupSeconds === 'number' && Array.isArray(record.steps);
}

export function tandemSetup(): Promise<TandemRunResult> {
  const args = ['--conditions=react-server', '--import', 'tsx', 'bench/lib/tandem-run.ts'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 1_800_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const line = stdout.split('\n').find((text) => text.startsWith('BENCH_RESULT '));
      const parsed: unknown = line ? JSON.parse(line.slice('BENCH_RESULT '.length)) : null;
      if (error || !isResult(parsed)) {
        reject(new Error(`Tandem run failed: ${error?.message.split('\n')[0] ?? 'no result line'}\n${stderr.trim().slice(-1500)}`));
        return;
      }
      resolve(parsed);
    });
  });
}

export function stepLines(steps: readonly StepTiming[]): string {
  return steps.map((step) => `    ${(step.seconds ?? Number.NaN).toFixed(2).padStart(6)} s  ${step.status.padEnd(9)} ${step.name}`).join('\n');
}
