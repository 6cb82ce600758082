import { randomBytes } from 'node:crypto';
import type { Client, ClientChannel } from 'ssh2';
import { wrapForUser, type RunAs } from './run-as';
import { sh } from './shell';

const OPEN_RETRIES = [100, 250, 500, 1_000];
const KILL_TIMEOUT_MS = 5_000;

function openOnce(client: Client, text: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    try {
      client.exec(text, (error, channel) => (error ? reject(error) : resolve(channel)));
    } catch (error: unknown) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/**
 * Opens an exec channel. A server at its MaxSessions limit answers "open failed"; the
 * command has not started then, so retrying after a short wait is safe.
 */
export async function openExecChannel(client: Client, text: string): Promise<ClientChannel> {
  for (const delay of OPEN_RETRIES) {
    try {
      return await openOnce(client, text);
    } catch (error: unknown) {
      if (!(error instanceof Error) || !/open failed/i.test(error.message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return openOnce(client, text);
}

/** A random tag put in a remote job's command line so it can be found and killed later. */
export function newJobTag(): string {
  return `tandem-job-${randomBytes(12).toString('hex')}`;
}

/**
 * Signals the process group of the remote job carrying `tag`, from a second channel.
 * Needed because OpenSSH ignores SSH signal requests on root logins (no privilege
 * separation there) and after stdin EOF. Best effort: never throws, never waits long.
 */
export function killRemoteJob(client: Client, tag: string, signal: 'TERM' | 'KILL', as: RunAs, loginUser: string): Promise<void> {
  const pattern = `[${tag.slice(0, 1)}]${tag.slice(1)}`;
  const killer = sh`for pid in $(pgrep -f -- ${pattern}); do
pgid=$(ps -o pgid= -p "$pid" | tr -d ' ')
[ -n "$pgid" ] && kill -s ${signal} -- "-$pgid"
done 2>/dev/null; true`;
  const text = wrapForUser(killer, as, loginUser).text;
  return openExecChannelWithin(client, text, KILL_TIMEOUT_MS, undefined, (late) => late.close()).then(
    (channel) => typeof channel === 'string' ? undefined : new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        channel.close();
        resolve();
      }, KILL_TIMEOUT_MS);
      channel.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
      channel.resume();
      channel.stderr.resume();
      channel.end();
    }),
    () => undefined,
  );
}

/**
 * Like {@link openExecChannel}, but gives up at `deadlineMs` or on abort (a silently
 * dead connection never answers a channel request). A channel that opens after that is
 * handed to `onAbandoned` so the caller can close it and kill what it started.
 */
export async function openExecChannelWithin(
  client: Client, text: string, deadlineMs: number, signal: AbortSignal | undefined, onAbandoned: (channel: ClientChannel) => void,
): Promise<ClientChannel | 'timeout' | 'aborted'> {
  const opening = openExecChannel(client, text);
  let settle: (outcome: 'timeout' | 'aborted') => void = () => undefined;
  const stopped = new Promise<'timeout' | 'aborted'>((resolve) => {
    settle = resolve;
  });
  const timer = setTimeout(() => settle('timeout'), deadlineMs);
  const onAbort = (): void => settle('aborted');
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const winner = await Promise.race([opening, stopped]);
    if (typeof winner === 'string') void opening.then(onAbandoned, () => undefined);
    return winner;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
