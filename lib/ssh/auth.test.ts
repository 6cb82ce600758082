import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { Server, utils } from 'ssh2';
import { testEd25519KeyPair } from './testing/host-key';
import { isPasswordPrompt } from './auth';
import { describeHostKey } from './host-key';
import { SshSession } from './session';

const servers: Server[] = [];

/** A real SSH server that allows only keyboard-interactive, asks `prompts`, records the answers and lets nobody in. */
async function keyboardInteractive(prompts: { prompt: string; echo: boolean }[]): Promise<{ port: number; fingerprint: string; answers: string[][] }> {
  const hostKey = testEd25519KeyPair();
  const answers: string[][] = [];
  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'keyboard-interactive') return ctx.reject(['keyboard-interactive']);
      ctx.prompt(prompts, (replies) => {
        answers.push(replies);
        ctx.reject(['keyboard-interactive']);
      });
    });
    client.on('error', () => undefined);
  });
  servers.push(server);
  const parsed = utils.parseKey(hostKey.public);
  if (parsed instanceof Error) throw parsed;
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  return { port, fingerprint: describeHostKey(parsed.getPublicSSH()).fingerprint, answers };
}

afterAll(() => servers.forEach((server) => server.close()));

const attempt = async (port: number, fingerprint: string) => SshSession.open({ address: '127.0.0.1', port, username: 'root', auth: { kind: 'password', password: 'the-root-password' }, pinnedHostKey: fingerprint, connectTimeoutMs: 5_000 }).then(
  () => 'logged in', (error: Error) => error.message,
);

describe('keyboard-interactive gets the password only when it asks for the password', () => {
  it('answers a hidden password prompt with the password', async () => {
    const server = await keyboardInteractive([{ prompt: 'Password: ', echo: false }]);
    expect(await attempt(server.port, server.fingerprint)).not.toBe('logged in');
    expect(server.answers).toEqual([['the-root-password']]);
  });

  it('never gives the password to a one-time-code, visible or mixed prompt', async () => {
    for (const prompts of [[{ prompt: 'Verification code: ', echo: false }], [{ prompt: 'Password: ', echo: true }], [{ prompt: 'Password: ', echo: false }, { prompt: 'OTP: ', echo: false }]]) {
      const server = await keyboardInteractive(prompts);
      await attempt(server.port, server.fingerprint);
      expect(server.answers.flat(), JSON.stringify(prompts)).not.toContain('the-root-password');
    }
  });

  it('recognises the password prompts servers use', () => {
    expect(['Password:', "root@db1's password: ", 'Password for root: '].map((prompt) => isPasswordPrompt({ prompt, echo: false }))).toEqual([true, true, true]);
    expect(['Verification code: ', 'Type yes to continue: ', 'New password? '].map((prompt) => isPasswordPrompt({ prompt, echo: false }))).toEqual([false, false, false]);
  });
});
