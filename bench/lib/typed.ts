/**
 * A command "typed by a DBA": one plain `ssh root@host CMD` per command, a new connection
 * each time, with the lab's key and pinned host key (the options lab.sh ssh uses, without
 * the lab.sh wrapper around it). Only lab host addresses are accepted.
 */
import { execFile } from 'node:child_process';
import { assertLabAddress, labHost, readLabState } from '@/lab/client';

/** Commands typed so far in this process (each is one new SSH connection). */
export const typedStats = { commands: 0 };

export async function typed(host: string, cmd: string, input = '', timeoutMs = 1_800_000): Promise<string> {
  typedStats.commands += 1;
  const state = readLabState();
  const { address, sshPort } = labHost(host, state);
  assertLabAddress(address, state);
  const args = [
    '-F', '/dev/null', '-i', state.privateKeyPath, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes',
    '-o', `UserKnownHostsFile=${state.knownHostsPath}`, '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes', '-o', 'HostKeyAlgorithms=ssh-ed25519', '-o', 'ConnectTimeout=5',
    '-o', 'LogLevel=ERROR', '-p', String(sshPort), `root@${address}`, cmd,
  ];
  return new Promise((resolve, reject) => {
    const child = execFile('ssh', args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${host}$ ${cmd.slice(0, 200)}\n→ exit ${String(error.code ?? error.signal)}: ${stderr.trim().slice(-600)}`));
      else resolve(stdout.trim());
    });
    child.stdin?.end(input);
  });
}

/** `typed`, as postgres (runuser), from / so psql does not complain about root's cwd. */
export function typedAsPostgres(host: string, cmd: string, input = '', timeoutMs?: number): Promise<string> {
  return typed(host, `cd / && runuser -u postgres -- sh -c ${quote(cmd)}`, input, timeoutMs);
}

export function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Polls pg1 until pg_stat_replication shows `application` streaming, one typed psql each time. */
export async function typedWaitStreaming(application: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const sql = `SELECT count(*) FROM pg_stat_replication WHERE application_name = '${application}' AND state = 'streaming'`;
  while (Date.now() < deadline) {
    if ((await typedAsPostgres('pg1', `psql -XAtqc ${quote(sql)}`)) === '1') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${application} was not streaming after ${timeoutMs / 1000} s`);
}

/** Median seconds of `ssh host true` (connect, authenticate, run, close) over `count` tries. */
export async function sshRoundTrip(host: string, count = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await typed(host, 'true');
    times.push((performance.now() - start) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(count / 2)] ?? Number.NaN;
}
