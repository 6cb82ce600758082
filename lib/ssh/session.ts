import 'server-only';
import { Client, type ClientChannel } from 'ssh2';
import { asSentence } from '@/lib/format/sentence';
import { SSH_ALGORITHMS } from './algorithms';
import { authMethods } from './auth';
import { connectError, isSshError, SshError } from './errors';
import { runCommand, type ExecOptions, type ExecResult } from './exec';
import { describeHostKey, hostKeyMismatchError, hostKeyUnpinnedError, sameFingerprint } from './host-key';
import { checkPrivateKey } from './private-key';
import type { ShellCommand } from './shell';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_KEEPALIVE_INTERVAL_MS, describeTarget, type SshTarget } from './target';

const MAX_CONCURRENT_COMMANDS = 8;

/**
 * One authenticated SSH connection to one target. Obtain it through the pool
 * (`SshPool.session`) rather than directly, so connections are reused.
 */
export class SshSession {
  readonly target: string;
  readonly #client: Client;
  readonly #loginUser: string;
  #alive = true;
  #running = 0;
  #forwards = 0;
  #closeWhenIdle = false;
  #ended = false;
  readonly #waiting: (() => void)[] = [];
  readonly #onClose: (() => void)[] = [];

  private constructor(client: Client, target: SshTarget) {
    this.#client = client;
    this.target = describeTarget(target);
    this.#loginUser = target.username;
    const markDead = (): void => this.#takeOutOfService();
    client.on('error', markDead);
    client.on('end', markDead);
    client.on('close', markDead);
  }

  /**
   * Connects, verifies the host key against the pin and logs in. Refuses an unpinned
   * host and a changed host key before any credential is sent. Rejects with SshError.
   */
  static open(target: SshTarget): Promise<SshSession> {
    const label = describeTarget(target);
    const timeoutMs = target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    if (target.auth.kind === 'key') {
      const check = checkPrivateKey(target.auth.privateKey, target.auth.passphrase);
      if (!check.ok) return Promise.reject(new SshError('key-invalid', `The SSH key for ${label} cannot be used: ${check.message}`, 'Update the host’s SSH key in its settings.', { target: label }));
    }
    return new Promise<SshSession>((resolve, reject) => {
      const client = new Client();
      let hostKeyError: SshError | null = null;
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        client.on('error', () => undefined);
        client.end();
        reject(hostKeyError ?? connectError(error, label, timeoutMs));
      };
      const timer = setTimeout(() => fail(Object.assign(new Error('connect timeout'), { level: 'client-timeout' })), timeoutMs + 500);
      client.on('error', fail);
      client.on('close', () => fail(new Error('the server closed the connection')));
      client.on('ready', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        client.removeListener('error', fail);
        resolve(new SshSession(client, target));
      });
      try {
        client.connect({
          host: target.address,
          port: target.port,
          username: target.username,
          readyTimeout: timeoutMs,
          algorithms: SSH_ALGORITHMS,
          keepaliveInterval: target.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS,
          keepaliveCountMax: 3,
          authHandler: authMethods(target),
          hostVerifier: (key: Buffer): boolean => {
            const presented = describeHostKey(key);
            if (target.pinnedHostKey === null) hostKeyError = hostKeyUnpinnedError(label, presented);
            else if (!sameFingerprint(target.pinnedHostKey, presented.fingerprint)) hostKeyError = hostKeyMismatchError(label, target.pinnedHostKey, presented);
            return hostKeyError === null;
          },
        });
      } catch (error: unknown) {
        fail(error);
      }
    });
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** True while a command runs or a forwarded stream is open. */
  get busy(): boolean {
    return this.#running > 0 || this.#waiting.length > 0 || this.#forwards > 0;
  }

  /** Registers a listener called once when the connection ends for any reason. */
  onClose(listener: () => void): void {
    if (this.#alive) this.#onClose.push(listener);
    else listener();
  }

  /** Runs one command; see `runCommand` for what is a result and what is an error. */
  async exec(command: ShellCommand, options: ExecOptions = {}): Promise<ExecResult> {
    this.#assertAlive();
    await this.#acquire();
    try {
      this.#assertAlive();
      return await runCommand(this.#client, this.target, this.#loginUser, command, options);
    } catch (error: unknown) {
      if (isSshError(error, 'timeout') && !('exitCode' in error.details)) this.retire();
      throw error;
    } finally {
      this.#release();
    }
  }

  /**
   * Opens a TCP stream from the host to `host:port` as seen from the host (e.g.
   * 127.0.0.1:5432), for tunnelling a PostgreSQL connection through SSH.
   */
  forwardOut(host: string, port: number, timeoutMs = 10_000): Promise<ClientChannel> {
    this.#assertAlive();
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(new SshError('timeout', `The SSH server on ${this.target} did not open a forwarded connection to ${host}:${port} in time.`,
          'Check the host is responsive; retry.', { target: this.target }));
      }, timeoutMs);
      this.#client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => {
        clearTimeout(timer);
        if (timedOut) {
          channel?.close();
        } else if (error) {
          reject(new SshError('exec-failed', asSentence(`The SSH server on ${this.target} refused to forward to ${host}:${port}: ${error.message}`),
            'Allow TCP forwarding for this user in sshd_config (AllowTcpForwarding yes), or connect directly.', { target: this.target }));
        } else {
          this.#forwards += 1;
          channel.once('close', () => {
            this.#forwards -= 1;
            this.#closeIfDrained();
          });
          resolve(channel);
        }
      });
    });
  }

  /** Closes the connection once no command runs and no forwarded stream is open. */
  closeWhenIdle(): void {
    this.#closeWhenIdle = true;
    this.#closeIfDrained();
  }

  close(): void {
    this.#takeOutOfService();
    this.#ended = true;
    this.#client.end();
  }

  /**
   * Takes a connection that may be dead (a command could not even start in time) out of
   * service: no new command starts on it, so the pool connects afresh, while commands
   * already running on it finish or hit their own deadlines; then it closes.
   */
  retire(): void {
    this.#takeOutOfService();
    this.closeWhenIdle();
  }

  #takeOutOfService(): void {
    if (!this.#alive) return;
    this.#alive = false;
    for (const listener of this.#onClose.splice(0)) listener();
  }

  #assertAlive(): void {
    if (!this.#alive) {
      throw new SshError('disconnected', `The SSH connection to ${this.target} is closed.`, 'Retry; a new connection will be made.', { target: this.target });
    }
  }

  #acquire(): Promise<void> {
    if (this.#running < MAX_CONCURRENT_COMMANDS) {
      this.#running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(() => {
      this.#running += 1;
      resolve();
    }));
  }

  #release(): void {
    this.#running -= 1;
    this.#waiting.shift()?.();
    this.#closeIfDrained();
  }

  #closeIfDrained(): void {
    if (this.#closeWhenIdle && !this.#ended && !this.busy) this.close();
  }
}
