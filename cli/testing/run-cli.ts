import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/tandem.mjs', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `tandem` binary (bin/tandem.mjs, as `npx tandem` does) in a child process with
 * only `env` (and PATH, and a HOME of its own, so no config file of the machine is read), and
 * waits for it without blocking this process: the API server it calls may be in this process.
 */
export function runTandem(args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: mkdtempSync(join(tmpdir(), 'tandem-cli-home-')), ...env };
    const child = spawn(process.execPath, [BIN, ...args], {
      env: childEnv as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code: number | null) => resolve({ code, stdout, stderr }));
  });
}
