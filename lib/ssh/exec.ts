import 'server-only';
import type { Client, ClientChannel } from 'ssh2';
import { asSentence } from '@/lib/format/sentence';
import { killRemoteJob, newJobTag, openExecChannelWithin } from './channel';
import { SshError } from './errors';
import { LineSplitter } from './line-splitter';
import { buildRemoteCommand, REMOTE_TIMEOUT_EXIT, splitStatusLine } from './remote-command';
import { sudoRefused, type RunAs } from './run-as';
import type { ShellCommand } from './shell';
import { TailBuffer } from './tail-buffer';

export interface ExecOptions {
  /** Account to run as; default `'login'`. */
  readonly as?: RunAs;
  /** Deadline for the whole command; default 60 s. Enforced remotely and locally. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Called for each line as it arrives; `\r`, `\n` and `\r\n` end a line. */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Bytes for the command's stdin; it sees `/dev/null` when absent. */
  readonly stdin?: string | Buffer;
  /** Per-stream cap on captured output; the tail is kept. Default 1 MiB. */
  readonly maxOutputBytes?: number;
}

export interface ExecResult {
  readonly code: number | null;
  readonly signal?: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly truncated: boolean;
}

export const DEFAULT_EXEC_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
const LOCAL_GRACE_MS = 1_500;
const TAIL_FOR_ERRORS = 2_000;

type StopReason = 'timeout' | 'aborted';

function tail(text: string): string {
  return text.length > TAIL_FOR_ERRORS ? text.slice(-TAIL_FOR_ERRORS) : text;
}

/**
 * Runs one command on an authenticated connection and collects its outcome. A non-zero
 * exit is a result, not an error: the caller decides what it means. Errors are raised
 * only when the command's outcome is unknown or it could not run as asked: timeout,
 * abort, a sudo that wants a password, or a channel that could not be opened.
 */
export async function runCommand(client: Client, target: string, loginUser: string, command: ShellCommand, options: ExecOptions = {}): Promise<ExecResult> {
  const as = options.as ?? 'login';
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  const stdin = options.stdin === undefined ? Buffer.alloc(0) : Buffer.from(options.stdin);
  const tag = newJobTag();
  const remote = buildRemoteCommand(command, { as, loginUser, timeoutMs, stdinBytes: stdin.length, tag });
  if (options.signal?.aborted) throw abortedError(target, 'before it started');

  const started = performance.now();
  let opened: ClientChannel | 'timeout' | 'aborted';
  try {
    opened = await openExecChannelWithin(client, remote.text, timeoutMs, options.signal, (late) => {
      late.close();
      void killRemoteJob(client, tag, 'TERM', as, loginUser);
    });
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SshError('exec-failed', asSentence(`Could not start a command on ${target}: ${reason}`),
      'The connection may have dropped or the server refuses more sessions; retry in a moment.', { target });
  }
  if (opened === 'aborted') throw abortedError(target, 'before it started');
  if (opened === 'timeout') {
    throw new SshError('timeout', `${target} did not start the command within ${formatMs(timeoutMs)}; the connection may be dead.`,
      'Check that the host is up and reachable; the next attempt reconnects.', { target });
  }
  const channel = opened;

  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new TailBuffer(maxBytes);
  const stderr = new TailBuffer(maxBytes);
  const onLine = options.onLine;
  let callbackError: unknown = null;
  const deliver = (raw: string, stream: 'stdout' | 'stderr'): void => {
    if (!onLine || callbackError !== null) return;
    const own = stream === 'stderr' ? splitStatusLine(raw, tag) : null;
    if (own?.status != null && own.stderr === '') return;
    const line = own?.stderr ?? raw;
    try {
      onLine(line, stream);
    } catch (error: unknown) {
      callbackError = error;
    }
  };
  const outLines = onLine ? new LineSplitter((line) => deliver(line, 'stdout')) : null;
  const errLines = onLine ? new LineSplitter((line) => deliver(line, 'stderr')) : null;

  return new Promise<ExecResult>((resolve, reject) => {
    let exitCode: number | null = null;
    let exitSignal: string | undefined;
    let stopReason: StopReason | null = null;
    let graceTimer: NodeJS.Timeout | undefined;
    let done = false;

    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearTimeout(graceTimer);
      options.signal?.removeEventListener('abort', onAbort);
      outLines?.end();
      errLines?.end();
      const durationMs = Math.round(performance.now() - started);
      const reported = splitStatusLine(stderr.text(), tag);
      if (exitCode === null && exitSignal === undefined && reported.status !== null) exitCode = reported.status;
      const result: ExecResult = {
        code: exitCode, stdout: stdout.text(), stderr: reported.stderr, durationMs,
        truncated: stdout.truncated || stderr.truncated, ...(exitSignal ? { signal: exitSignal } : {}),
      };
      const details = { target, exitCode, stdoutTail: tail(result.stdout), stderrTail: tail(result.stderr) };
      const remoteTimedOut = exitCode === REMOTE_TIMEOUT_EXIT && durationMs >= timeoutMs * 0.95;
      if (callbackError !== null) {
        reject(callbackError);
      } else if (stopReason === 'timeout' || (stopReason === null && remoteTimedOut)) {
        reject(new SshError('timeout', `The command on ${target} did not finish within ${formatMs(timeoutMs)} and was stopped.`,
          'Look at the output tail to see where it hung; raise the time limit only if the work is known to be slow.', details));
      } else if (stopReason === 'aborted') {
        reject(abortedError(target, 'while it ran', details));
      } else if (exitSignal === undefined && sudoRefused(as, exitCode, result.stderr)) {
        reject(new SshError('sudo-needs-password', `sudo on ${target} asks ${loginUser} for a password, so Tandem cannot run commands as ${as}.`,
          `Allow ${loginUser} passwordless sudo (a NOPASSWD line in /etc/sudoers.d/), or connect as root.`, details));
      } else if (exitCode === null && exitSignal === undefined) {
        reject(new SshError('disconnected', `The connection to ${target} was lost while a command ran; whether it finished is unknown.`,
          'Check the host’s state before running the step again.', details));
      } else {
        resolve(result);
      }
    };

    const stop = (reason: StopReason): void => {
      if (stopReason !== null || done) return;
      stopReason = reason;
      channel.signal('TERM');
      void killRemoteJob(client, tag, 'TERM', as, loginUser);
      graceTimer = setTimeout(() => {
        void killRemoteJob(client, tag, 'KILL', as, loginUser);
        channel.close();
        finish();
      }, LOCAL_GRACE_MS);
    };
    const onAbort = (): void => stop('aborted');
    const deadline = setTimeout(() => stop('timeout'), Math.max(0, timeoutMs - (performance.now() - started)) + 250);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    channel.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      outLines?.push(chunk);
      if (callbackError !== null) stop('aborted');
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      errLines?.push(chunk);
      if (callbackError !== null) stop('aborted');
    });
    channel.on('exit', (code: number | null, signalName?: string) => {
      exitCode = typeof code === 'number' ? code : null;
      if (typeof signalName === 'string') exitSignal = signalName;
    });
    channel.on('error', () => undefined);
    // ssh2 repeats the exit status on 'close': an 'exit' that arrived in the same read as the
    // channel's opening was emitted before these listeners existed.
    channel.on('close', (code: number | null | undefined, signalName?: string) => {
      if (exitCode === null && typeof code === 'number') exitCode = code;
      if (exitSignal === undefined && typeof signalName === 'string') exitSignal = signalName;
      setImmediate(finish);
    });
    if (stdin.length > 0) channel.write(stdin);
  });
}

function abortedError(target: string, when: string, details: object = {}): SshError {
  return new SshError('aborted', `The command on ${target} was cancelled ${when}.`,
    'Check the host’s state before running the step again.', { target, ...details });
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
