import { describe, expect, it } from 'vitest';
import { hookSecretNameProblem, parseHookSecretLines } from './routing-hooks';

describe('hook secrets as an admin types them', () => {
  it('reads NAME=value lines, the value as typed after the first =', () => {
    expect(parseHookSecretLines('DNS_TOKEN=a=b c \n\n  _vip_key=\'x\' $(id)\r\n')).toEqual({
      ok: true,
      secrets: [{ name: 'DNS_TOKEN', value: 'a=b c ' }, { name: '_vip_key', value: "'x' $(id)" }],
    });
    expect(parseHookSecretLines('')).toEqual({ ok: true, secrets: [] });
  });

  it('refuses bad lines by line and name, never echoing a value', () => {
    const typed = ['just-a-secret-value', '1ABC=v1', 'PATH=/tmp', 'EMPTY=', 'TWICE=first', 'TWICE=second', 'NUL=a\0b'].join('\n');
    const parsed = parseHookSecretLines(typed);
    expect(parsed).toEqual({
      ok: false,
      issues: [
        'line 1: write NAME=value',
        'line 2: use letters, digits and _ (an environment variable name, not starting with a digit)',
        'line 3 (PATH): the shell uses this name itself; choose another',
        'line 4 (EMPTY): give a value (to remove a secret, tick Clear)',
        'line 6 (TWICE): TWICE is given twice',
        'line 7 (NUL): the value holds a NUL character',
      ],
    });
    expect(JSON.stringify(parsed)).not.toMatch(/just-a-secret-value|v1|\/tmp|first|second/);
  });

  it('names: environment variable names the shell does not read itself', () => {
    expect(['A', 'dns_token', '_X9'].map(hookSecretNameProblem)).toEqual([null, null, null]);
    expect(['A-B', 'A B', '', 'X'.repeat(65), 'IFS', 'BASH_ENV'].every((name) => hookSecretNameProblem(name) !== null)).toBe(true);
  });
});
