import { describe, expect, it } from 'vitest';
import { runAsSent } from '@/lib/ssh/testing/run-as-sent';
import type { RoutingHook } from '../plan-types';
import { hookInvocation } from './routing-hooks';

const hook = (env: RoutingHook['env'], command = 'printf "%s|" "$DNS_TOKEN" "$VIP_KEY"; cat; echo end'): RoutingHook => ({ hostId: 3, hostName: 'lb1', command, timeoutMs: 5000, env });

describe('a routing hook with secrets', () => {
  const env = [{ name: 'DNS_TOKEN', value: "it's $(id) `x` \\ \n2nd line" }, { name: 'VIP_KEY', value: '🐘 -n' }];

  it('gets them in its environment, read from stdin, and then sees no input', async () => {
    const invocation = hookInvocation(hook(env));
    expect(invocation.stdin).toBe(`export DNS_TOKEN='it'\\''s $(id) \`x\` \\ \n2nd line'\nexport VIP_KEY='🐘 -n'\n`);
    expect(await runAsSent(invocation.command, invocation.stdin)).toMatchObject({ code: 0, stdout: `${env[0]?.value}|🐘 -n|end\n` });
  });

  it('never has a value in its command line, and is recorded with each name as NAME=***', () => {
    const invocation = hookInvocation(hook(env, 'nsupdate -k /etc/k'));
    expect(invocation.command.text).toBe(`sh -c 'eval "$(cat)" && exec sh -c "$1"' tandem-hook 'nsupdate -k /etc/k'`);
    expect(invocation.recorded).toBe(`[lb1 as root, environment DNS_TOKEN=*** VIP_KEY=***] ${invocation.command.text}`);
    expect(`${invocation.command.text}${invocation.recorded}`).not.toMatch(/2nd line|🐘/);
  });

  it('runs as plain sh -c, with no input, when the cluster has no secrets', async () => {
    const invocation = hookInvocation(hook([], 'echo "[$DNS_TOKEN]"'));
    expect(invocation).toEqual({ command: invocation.command, recorded: `[lb1 as root] sh -c 'echo "[$DNS_TOKEN]"'` });
    expect(await runAsSent(invocation.command)).toMatchObject({ code: 0, stdout: '[]\n' });
  });

  it('refuses a name that is not an environment variable name rather than evaluate it', () => {
    expect(() => hookInvocation(hook([{ name: 'X;reboot', value: 'v' }]))).toThrow('The hook secret name "X;reboot" cannot be used: use letters, digits and _ (an environment variable name, not starting with a digit).');
  });
});
