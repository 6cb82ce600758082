import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { asArgument, isShellCommand, sh, shellQuote, type ShellCommand } from './shell';

const run = promisify(execFile);

const hostile: readonly string[] = [
  "it's",
  "''",
  "'",
  '"double" quotes',
  '$(touch /tmp/tandem-pwned)',
  '`touch /tmp/tandem-pwned`',
  '${HOME}',
  '$HOME',
  'a; rm -rf /',
  'a | cat /etc/passwd',
  'a && b || c',
  'line1\nline2\r\nline3',
  '\t tab and spaces  ',
  '-rf',
  '--help',
  '*',
  '~',
  '!',
  '\\',
  'back\\slash\\',
  'héllo wörld ✓ 日本語 🐘',
  '',
  'x'.repeat(100_000),
  "'; echo pwned; '",
  "\\'",
  '#comment',
  '>redirect',
  '&',
];

async function argvThroughShell(command: ShellCommand): Promise<string[]> {
  const { stdout } = await run('/bin/sh', ['-c', command.text], { maxBuffer: 16 * 1024 * 1024 });
  const parts = stdout.split('\0');
  expect(parts.pop()).toBe('');
  return parts;
}

describe('shellQuote', () => {
  it('wraps in single quotes and escapes embedded quotes', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('$(x)')).toBe("'$(x)'");
  });

  it('quotes numbers and bigints', () => {
    expect(shellQuote(15)).toBe("'15'");
    expect(shellQuote(5432n)).toBe("'5432'");
  });

  it('refuses NUL bytes and non-finite numbers', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
    expect(() => shellQuote(Number.NaN)).toThrow(/non-finite/);
    expect(() => shellQuote(Number.POSITIVE_INFINITY)).toThrow(/non-finite/);
  });
});

describe('sh', () => {
  it('quotes every interpolated value and keeps the template text', () => {
    const version = 15;
    const name = 'main';
    expect(sh`pg_ctlcluster ${version} ${name} stop -m fast`.text).toBe("pg_ctlcluster '15' 'main' stop -m fast");
  });

  it('inserts a ShellCommand verbatim, so commands compose', () => {
    const inner = sh`echo ${'a b'}`;
    expect(sh`${inner} && ${inner}`.text).toBe("echo 'a b' && echo 'a b'");
  });

  it('interpolates arrays as space-separated quoted words, an empty array as nothing', () => {
    expect(sh`ls ${['a b', "c'd", 3]}`.text).toBe(`ls 'a b' 'c'\\''d' '3'`);
    expect(sh`true ${[]}`.text).toBe('true ');
  });

  it('takes template text raw, like String.raw', () => {
    expect(sh`printf '%s\0' ${'x'}`.text).toBe("printf '%s\\0' 'x'");
  });

  it('throws on NUL inside a value or an array element', () => {
    expect(() => sh`echo ${'a\0b'}`).toThrow(/NUL/);
    expect(() => sh`echo ${['ok', 'a\0']}`).toThrow(/NUL/);
  });

  it('refuses values of other types at run time', () => {
    const smuggled = [null, undefined, true, { text: 'rm -rf /' }] as unknown as ShellCommand[];
    for (const value of smuggled) expect(() => sh`echo ${value}`).toThrow(TypeError);
  });

  it('does not accept a look-alike object as a command', () => {
    const fake = Object.freeze({ text: 'rm -rf /' });
    expect(isShellCommand(fake)).toBe(false);
    expect(isShellCommand(sh`true`)).toBe(true);
  });

  it('rejects plain strings at compile time', () => {
    const takesCommand = (command: ShellCommand): string => command.text;
    // @ts-expect-error a plain string is not a ShellCommand
    expect(() => takesCommand('rm -rf /')).not.toThrow();
  });
});

describe('through a real /bin/sh', () => {
  it('hands every hostile value to the program as one intact argument', async () => {
    expect(await argvThroughShell(sh`printf '%s\0' ${hostile}`)).toEqual(hostile);
    expect(existsSync('/tmp/tandem-pwned')).toBe(false);
  });

  it('keeps each value intact when interpolated one by one', async () => {
    for (const value of hostile.slice(0, 12)) {
      expect(await argvThroughShell(sh`printf '%s\0' ${value} ${'end'}`)).toEqual([value, 'end']);
    }
  });

  it('survives two levels of sh -c via asArgument', async () => {
    const inner = sh`printf '%s\0' ${hostile}`;
    const once = sh`sh -c ${asArgument(inner)}`;
    const twice = sh`sh -c ${asArgument(once)}`;
    expect(await argvThroughShell(twice)).toEqual(hostile);
  });

  it('passes a leading dash through as data after --', async () => {
    const { stdout } = await run('/bin/sh', ['-c', sh`ls -d -- ${'-rf'} 2>&1 || true`.text]);
    expect(stdout).toMatch(/-rf/);
  });

  it('runs no substitution from a value', async () => {
    const { stdout } = await run('/bin/sh', ['-c', sh`echo ${'$(echo injected)'} ${'`echo injected`'}`.text]);
    expect(stdout).toBe('$(echo injected) `echo injected`\n');
  });
});
