import { asArgument, sh, type ShellCommand } from './shell';

/** Which account a remote command runs as. */
export type RunAs = 'login' | 'root' | 'postgres';

/**
 * Wraps a command so it runs as the wanted account on the host. Non-interactive
 * `sudo -n` is used when the login user is not root, so a sudo that wants a password
 * fails at once (see {@link isSudoPasswordPrompt}) instead of hanging on a prompt.
 * Commands run as postgres start in postgres's home (or `/`), because a login user's
 * home is usually unreadable to postgres. Root is recognised by the login name.
 */
export function wrapForUser(command: ShellCommand, as: RunAs, loginUser: string): ShellCommand {
  if (as === 'login') return command;
  if (as === 'root') {
    return loginUser === 'root' ? command : sh`sudo -n -- sh -c ${asArgument(command)}`;
  }
  if (loginUser === 'postgres') return command;
  const inHome = sh`cd ~ 2>/dev/null || cd /
${command}`;
  return loginUser === 'root'
    ? sh`runuser -u postgres -- sh -c ${asArgument(inHome)}`
    : sh`sudo -n -u postgres -- sh -c ${asArgument(inHome)}`;
}

const SUDO_WANTS_PASSWORD = /^sudo: (a password is required|a terminal is required)/m;

/** True when stderr shows `sudo -n` refusing because it would have to ask for a password. */
export function isSudoPasswordPrompt(stderr: string): boolean {
  return SUDO_WANTS_PASSWORD.test(stderr);
}

/**
 * True when a command wrapped for `as` never ran because `sudo -n` refused: sudo exits 1
 * after its message. The refusal is known even when the SSH server closed the channel
 * without sending that exit status (OpenSSH now and then does), because sudo's own
 * message is on stderr and the command's status line never is.
 */
export function sudoRefused(as: RunAs, exitCode: number | null, stderr: string): boolean {
  return as !== 'login' && (exitCode === 1 || exitCode === null) && isSudoPasswordPrompt(stderr);
}
