import type { AnyAuthMethod } from 'ssh2';
import type { SshTarget } from './target';

/** A keyboard-interactive prompt that asks for the password (`Password:`, `root@db1's password: `), hidden as it is typed. */
export function isPasswordPrompt(prompt: { readonly prompt: string; readonly echo?: boolean }): boolean {
  return prompt.echo !== true && /\bpassword\b[^:?]*:\s*$/i.test(prompt.prompt);
}

/**
 * The login methods tried for a target, in order. A password is also offered through
 * keyboard-interactive, which some servers use instead of plain password auth, but only to
 * a round whose every prompt is a hidden password prompt: a server asking for anything else
 * (a one-time code, "type yes", a visible field) gets an empty answer, never the password.
 * Only the configured credential is ever sent; there is no agent or default key lookup.
 */
export function authMethods(target: SshTarget): AnyAuthMethod[] {
  const { username, auth } = target;
  if (auth.kind === 'key') {
    const passphrase = auth.passphrase === undefined || auth.passphrase === '' ? {} : { passphrase: auth.passphrase };
    return [{ type: 'publickey', username, key: auth.privateKey.trim(), ...passphrase }];
  }
  return [
    { type: 'password', username, password: auth.password },
    {
      type: 'keyboard-interactive', username,
      prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.length > 0 && prompts.every(isPasswordPrompt) ? prompts.map(() => auth.password) : prompts.map(() => '')),
    },
  ];
}
