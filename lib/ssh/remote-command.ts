import { wrapForUser, type RunAs } from './run-as';
import { asArgument, sh, type ShellCommand } from './shell';

/** Seconds the remote `timeout` waits after TERM before it sends KILL. */
export const REMOTE_KILL_AFTER_SECONDS = 5;

/** Exit status GNU `timeout` returns when the deadline passed. */
export const REMOTE_TIMEOUT_EXIT = 124;

export interface RemoteCommandOptions {
  readonly as: RunAs;
  readonly loginUser: string;
  readonly timeoutMs: number;
  /** Bytes the caller will write to stdin; `0` gives the command `/dev/null`. */
  readonly stdinBytes: number;
  /** A unique word placed in the job's command line, for `killRemoteJob`. */
  readonly tag?: string;
}

/**
 * Builds the exact text sent to the SSH server for one command. The command runs under
 * GNU `timeout` as the wanted account, so it is killed with its whole process group at
 * the deadline even if Tandem loses the connection, and an SSH `signal` request sent by
 * the caller is passed on to that group. The SSH channel's stdin is never closed by the
 * caller (OpenSSH ignores signal requests after EOF): the command instead reads exactly
 * `stdinBytes` bytes through `head -c`, or `/dev/null` when there is no input.
 * With a `tag`, the job's `sh` gets it as `$0`, which puts it in the command lines of
 * `timeout` and `sh` so a second channel can find the job's process group, and the job's
 * exit status is also written as a last stderr line (`splitStatusLine`), a second witness
 * for a channel that closes without an SSH exit status.
 * The login shell must be POSIX-compatible (sh, dash, bash, zsh).
 */
export function buildRemoteCommand(command: ShellCommand, options: RemoteCommandOptions): ShellCommand {
  if (!Number.isInteger(options.stdinBytes) || options.stdinBytes < 0) throw new RangeError('stdinBytes must be a non-negative integer');
  if (!(options.timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
  const seconds = (Math.ceil(options.timeoutMs) / 1000).toFixed(3);
  const run = options.stdinBytes > 0
    ? sh`head -c ${options.stdinBytes} | {
${command}
}`
    : sh`{
${command}
} </dev/null`;
  const body = options.tag === undefined ? run : sh`${run}
tandem_status=$?
printf '%s%s\n' ${statusMark(options.tag)} "$tandem_status" >&2
exit "$tandem_status"`;
  const tag = options.tag === undefined ? [] : [options.tag];
  const supervised = sh`exec timeout -k ${REMOTE_KILL_AFTER_SECONDS} ${seconds} sh -c ${asArgument(body)} ${tag}`;
  return wrapForUser(supervised, options.as, options.loginUser);
}

const statusMark = (tag: string): string => `${tag}:exit:`;

/**
 * Splits the status line a tagged job writes last off its stderr. Returns stderr without
 * it and the status it names, or null when the job ended before writing it (killed, or the
 * command itself ran `exit`); then only the SSH exit status tells.
 */
export function splitStatusLine(stderr: string, tag: string): { stderr: string; status: number | null } {
  const mark = statusMark(tag);
  const at = stderr.lastIndexOf(mark);
  if (at < 0) return { stderr, status: null };
  const match = /^(\d{1,3})\n?$/.exec(stderr.slice(at + mark.length));
  return match ? { stderr: stderr.slice(0, at), status: Number(match[1]) } : { stderr, status: null };
}
