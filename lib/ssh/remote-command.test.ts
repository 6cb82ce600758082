import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildRemoteCommand, splitStatusLine } from './remote-command';
import { isSudoPasswordPrompt, sudoRefused, wrapForUser } from './run-as';
import { sh, type ShellCommand } from './shell';

interface Outcome { code: number | null; stdout: string; stderr: string; ms: number }

function runLocally(command: ShellCommand, stdin = ''): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command.text], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    if (stdin !== '') child.stdin.write(stdin);
  });
}

const isRoot = process.getuid?.() === 0;

describe('wrapForUser', () => {
  it('leaves login commands alone and uses sudo -n for a non-root login', () => {
    const command = sh`id -un`;
    expect(wrapForUser(command, 'login', 'deploy').text).toBe('id -un');
    expect(wrapForUser(command, 'root', 'root').text).toBe('id -un');
    expect(wrapForUser(command, 'root', 'deploy').text).toBe(`sudo -n -- sh -c 'id -un'`);
    expect(wrapForUser(command, 'postgres', 'deploy').text).toMatch(/^sudo -n -u postgres -- sh -c '/);
    expect(wrapForUser(command, 'postgres', 'root').text).toMatch(/^runuser -u postgres -- sh -c '/);
    expect(wrapForUser(command, 'postgres', 'postgres').text).toBe('id -un');
  });

  it.runIf(isRoot)('runs as postgres from a root login, in postgres’s home', async () => {
    const outcome = await runLocally(wrapForUser(sh`id -un; pwd`, 'postgres', 'root'));
    expect(outcome.stdout.split('\n').slice(0, 2)).toEqual(['postgres', '/var/lib/postgresql']);
  });
});

describe('isSudoPasswordPrompt', () => {
  it('recognises sudo -n refusing for want of a password', () => {
    expect(isSudoPasswordPrompt('sudo: a password is required\n')).toBe(true);
    expect(isSudoPasswordPrompt('sudo: a terminal is required to read the password; either use the -S option')).toBe(true);
    expect(isSudoPasswordPrompt('psql: error: a password is required')).toBe(false);
  });
});

describe('sudoRefused', () => {
  const refusal = 'sudo: a password is required\n';

  it('knows the command never ran, with or without the exit status sudo ended with', () => {
    expect(sudoRefused('root', 1, refusal)).toBe(true);
    expect(sudoRefused('postgres', null, refusal)).toBe(true);
  });

  it('does not claim a refusal for a login command, another status or other output', () => {
    expect(sudoRefused('login', 1, refusal)).toBe(false);
    expect(sudoRefused('root', 2, refusal)).toBe(false);
    expect(sudoRefused('root', null, 'Connection reset by peer\n')).toBe(false);
  });
});

describe('buildRemoteCommand through a local /bin/sh', () => {
  const base = { as: 'login' as const, loginUser: 'root', timeoutMs: 10_000 };

  it('gives the command /dev/null when there is no input', async () => {
    const outcome = await runLocally(buildRemoteCommand(sh`cat; echo done`, { ...base, stdinBytes: 0 }), 'ignored');
    expect(outcome).toMatchObject({ code: 0, stdout: 'done\n' });
  });

  it('gives the command exactly the announced bytes of input, then EOF', async () => {
    const input = "line 1\nit's \\ $(x)\n🐘";
    const bytes = Buffer.byteLength(input);
    const outcome = await runLocally(buildRemoteCommand(sh`cat; echo; echo done`, { ...base, stdinBytes: bytes }), `${input}MORE`);
    expect(outcome.stdout).toBe(`${input}\ndone\n`);
  });

  it('keeps the exit status and lets a command run a list and comments', async () => {
    const command = sh`echo a; false # trailing comment`;
    const outcome = await runLocally(buildRemoteCommand(command, { ...base, stdinBytes: 0 }));
    expect(outcome).toMatchObject({ code: 1, stdout: 'a\n' });
  });

  it('kills the command and its background children at the deadline with status 124', async () => {
    const unique = `30.${process.pid}${Date.now() % 100_000}`;
    const command = sh`sleep ${unique} & sleep ${unique}; echo finished`;
    const outcome = await runLocally(buildRemoteCommand(command, { ...base, timeoutMs: 500, stdinBytes: 0 }));
    expect(outcome.code).toBe(124);
    expect(outcome.ms).toBeLessThan(3_000);
    expect(outcome.stdout).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const survivors = await runLocally(sh`pgrep -f ${`[s]leep ${unique}`} || true`);
    expect(survivors.stdout).toBe('');
  });

  it('rejects nonsense sizes and deadlines', () => {
    expect(() => buildRemoteCommand(sh`true`, { ...base, stdinBytes: -1 })).toThrow(RangeError);
    expect(() => buildRemoteCommand(sh`true`, { ...base, timeoutMs: 0, stdinBytes: 0 })).toThrow(RangeError);
  });
});

describe('the exit status a tagged job writes on stderr', () => {
  const tagged = { as: 'login' as const, loginUser: 'root', timeoutMs: 10_000, stdinBytes: 0, tag: 'tandem-job-0123abcd' };

  it('is the command\'s status, as the last stderr line, and splits off cleanly', async () => {
    const outcome = await runLocally(buildRemoteCommand(sh`echo out; echo err >&2; false`, tagged));
    expect(outcome).toMatchObject({ code: 1, stdout: 'out\n' });
    expect(splitStatusLine(outcome.stderr, tagged.tag)).toEqual({ stderr: 'err\n', status: 1 });
    const ok = await runLocally(buildRemoteCommand(sh`printf 'no newline' >&2`, tagged));
    expect(splitStatusLine(ok.stderr, tagged.tag)).toEqual({ stderr: 'no newline', status: 0 });
  });

  it('is missing when the command leaves the shell itself, so only the SSH status tells', async () => {
    const outcome = await runLocally(buildRemoteCommand(sh`echo bye >&2; exit 3`, tagged));
    expect(outcome.code).toBe(3);
    expect(splitStatusLine(outcome.stderr, tagged.tag)).toEqual({ stderr: 'bye\n', status: null });
  });

  it('is not taken from text that merely resembles it', () => {
    expect(splitStatusLine('tandem-job-ffff:exit:0\n', 'tandem-job-0123abcd')).toEqual({ stderr: 'tandem-job-ffff:exit:0\n', status: null });
    expect(splitStatusLine('tandem-job-0123abcd:exit:0 and more\n', 'tandem-job-0123abcd').status).toBeNull();
  });
});
