import { spawn } from 'node:child_process';
import { buildRemoteCommand } from '../remote-command';
import type { ShellCommand } from '../shell';

/**
 * Runs `command` as the SSH layer would send it to a host (the text of `buildRemoteCommand`, as
 * the login user, with exactly the bytes of `stdin`) through a local /bin/sh. Tests only:
 * what a host would do with what Tandem sends.
 */
export function runAsSent(command: ShellCommand, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const remote = buildRemoteCommand(command, { as: 'login', loginUser: 'root', timeoutMs: 10_000, stdinBytes: Buffer.byteLength(stdin) });
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', remote.text], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
