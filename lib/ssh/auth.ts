import type { AnyAuthMethod } from 'ssh2';
import type { SshTarget } from './target';

/**
 * The login methods tried for a target, in order. A password is also offered through
 * keyboard-interactive, which some servers use instead of plain password auth. Only
 * the configured credential is ever sent; there is no agent or default key lookup.
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
      prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => auth.password)),
    },
  ];
}
