import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labExec } from '@/lab/client';
import { SshPool } from './pool';
import { sh } from './shell';
import type { SshTarget } from './target';
import { LabTargets, sshError } from './testing/lab-targets';

/** The sshd process of a root session (OpenSSH 9.8 and later run it as sshd-session). */
const SESSION_PROCESS = '^sshd(-session)?: root@notty';

let lab: LabTargets;
const pool = new SshPool({ idleMs: 0 });
const root = (): SshTarget => lab.target('pg1');
const tdmlab = (): SshTarget => lab.user('pg1', 'tdmlab');

const hostile: readonly string[] = [
  "it's", "'", '"', '$(id)', '`id`', '${HOME}', 'a; id', 'a | id', 'a && id', 'line1\nline2', 'cr\rlf\r\n',
  '-rf', '--', '*', '~', '\\', 'back\\slash', 'héllo ✓ 日本 🐘', '', ' ', 'x'.repeat(20_000), "'; id; '",
];

beforeAll(() => {
  lab = new LabTargets();
});

afterAll(() => pool.closeAll());

async function leftovers(pattern: string): Promise<string> {
  const result = await pool.exec(root(), sh`pgrep -af -- ${pattern} || true`);
  return result.stdout.trim();
}

describe('exec on a real host', () => {
  it('round-trips hostile values through the remote shell, as login, root (sudo) and postgres', async () => {
    const command = sh`printf '%s\0' ${hostile}`;
    for (const [target, as] of [[root(), 'login'], [root(), 'postgres'], [tdmlab(), 'root'], [tdmlab(), 'postgres']] as const) {
      const result = await pool.exec(target, command, { as });
      expect(result.code).toBe(0);
      expect(result.stdout.split('\0').slice(0, -1)).toEqual(hostile);
    }
  });

  it('passes stdin through byte for byte, also through sudo', async () => {
    const input = hostile.join('\n');
    expect((await pool.exec(root(), sh`cat`, { stdin: input })).stdout).toBe(input);
    expect((await pool.exec(tdmlab(), sh`cat`, { stdin: input, as: 'postgres' })).stdout).toBe(input);
    expect((await pool.exec(root(), sh`cat; echo end`)).stdout).toBe('end\n');
  });

  it('reports the exit status and stderr of a failing command', async () => {
    const result = await pool.exec(root(), sh`echo out; echo err >&2; exit 3`);
    expect(result).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n', truncated: false });
  });

  it('streams lines in order as they arrive, treating \\r as a line end', async () => {
    const seen: { line: string; stream: string; at: number }[] = [];
    const started = Date.now();
    const result = await pool.exec(root(), sh`printf 'a\nb\r\nc'; printf ' 10%%\r'; sleep 0.5; printf ' 100%%\r\n'; echo warn >&2`, {
      onLine: (line, stream) => seen.push({ line, stream, at: Date.now() - started }),
    });
    expect(result.code).toBe(0);
    expect(seen.filter((s) => s.stream === 'stdout').map((s) => s.line)).toEqual(['a', 'b', 'c 10%', ' 100%']);
    expect(seen.filter((s) => s.stream === 'stderr').map((s) => s.line)).toEqual(['warn']);
    const first = seen.find((s) => s.line === 'c 10%');
    expect(first?.at ?? Infinity).toBeLessThan(result.durationMs - 300);
  });

  it('caps captured output and keeps the tail', async () => {
    const result = await pool.exec(root(), sh`seq 1 200000`, { maxOutputBytes: 1_000 });
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.stdout)).toBeLessThanOrEqual(1_000);
    expect(result.stdout.endsWith('199999\n200000\n')).toBe(true);
  });

  for (const [label, target, as] of [['root', root, 'login'], ['sudo', tdmlab, 'root'], ['runuser', root, 'postgres']] as const) {
    it(`an abort stops a running sleep (${label})`, async () => {
      const unique = `30.${Date.now() % 100_000}1`;
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 700);
      const started = Date.now();
      const error = await sshError(pool.exec(target(), sh`sleep ${unique}`, { as, signal: controller.signal }));
      expect(error.code).toBe('aborted');
      expect(Date.now() - started).toBeLessThan(5_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await leftovers(`[s]leep ${unique}`)).toBe('');
    });
  }

  it('a timeout stops the command and its children and says so', async () => {
    const unique = `30.${Date.now() % 100_000}2`;
    const started = Date.now();
    const error = await sshError(pool.exec(tdmlab(), sh`sleep ${unique} & sleep ${unique}`, { as: 'postgres', timeoutMs: 1_000 }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(4_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await leftovers(`[s]leep ${unique}`)).toBe('');
  });

  it('refuses to start when the signal is already aborted', async () => {
    const error = await sshError(pool.exec(root(), sh`true`, { signal: AbortSignal.abort() }));
    expect(error.code).toBe('aborted');
  });

  it('runs many commands at once over one connection', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => pool.exec(root(), sh`sleep 0.2; echo ${i}`)));
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 30 }, (_, i) => `${i}\n`));
  });

  it('every one of hundreds of short commands run many at a time on one connection reports its exit status', async () => {
    const results: { code: number | null; stdout: string; stderr: string }[] = [];
    for (let round = 0; round < 30; round += 1) {
      results.push(...await Promise.all(Array.from({ length: 17 }, (_, i) => pool.exec(root(), sh`echo ${i}; echo warn >&2; sh -c ${`exit ${i % 3}`}`))));
    }
    expect(results.filter((result) => result.stderr !== 'warn\n')).toEqual([]);
    expect(results.map((result) => result.code)).toEqual(Array.from({ length: 30 }, () => Array.from({ length: 17 }, (_, i) => i % 3)).flat());
  }, 120_000);

  it('reconnects after the pooled connection was closed', async () => {
    const first = await pool.session(root());
    first.close();
    expect((await pool.exec(root(), sh`echo again`)).stdout).toBe('again\n');
    expect(await pool.session(root())).not.toBe(first);
  });

  it('a command that cannot start in time retires the connection: commands running on it finish, new ones get a fresh one', async () => {
    const session = await pool.session(root());
    const running = pool.exec(root(), sh`sleep 1; echo finished`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const frozen = await labExec('pg1', ['pkill', '-STOP', '-f', SESSION_PROCESS]);
    expect(frozen.code, frozen.stderr).toBe(0);
    try {
      await expect(pool.exec(root(), sh`echo never`, { timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'timeout' });
      expect(session.alive).toBe(false);
    } finally {
      await labExec('pg1', ['pkill', '-CONT', '-f', SESSION_PROCESS]);
    }
    expect((await pool.exec(root(), sh`echo fresh`)).stdout).toBe('fresh\n');
    expect(await pool.session(root())).not.toBe(session);
    expect((await running).stdout).toBe('finished\n');
  });
});
