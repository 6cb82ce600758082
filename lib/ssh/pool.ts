import 'server-only';
import type { ClientChannel } from 'ssh2';
import { isSshError } from './errors';
import type { ExecOptions, ExecResult } from './exec';
import { SshSession } from './session';
import type { ShellCommand } from './shell';
import { targetDigest, targetKey, type SshTarget } from './target';

interface Entry {
  readonly digest: string;
  readonly session: Promise<SshSession>;
  idleTimer?: NodeJS.Timeout;
}

export interface SshPoolOptions {
  /** Close a connection unused for this long; default 5 minutes, 0 keeps it open. */
  readonly idleMs?: number;
}

/**
 * Keeps one SSH connection per address, port and login user, shared by every caller.
 * Dead connections are dropped and the next call reconnects; concurrent callers wait
 * for the same connection attempt. A changed credential or pinned key replaces the
 * connection, so a re-pinned host is verified again; the old one is closed once the
 * commands still running on it finish.
 */
export class SshPool {
  readonly #entries = new Map<string, Entry>();
  readonly #idleMs: number;

  constructor(options: SshPoolOptions = {}) {
    this.#idleMs = options.idleMs ?? 5 * 60_000;
  }

  /** Returns a live session for the target, connecting if needed. Rejects with SshError. */
  async session(target: SshTarget): Promise<SshSession> {
    const key = targetKey(target);
    const digest = targetDigest(target);
    const existing = this.#entries.get(key);
    if (existing && existing.digest === digest) {
      const session = await existing.session.catch(() => null);
      if (session?.alive) {
        this.#touch(key, existing);
        return session;
      }
      if (this.#entries.get(key) === existing) this.#entries.delete(key);
    } else if (existing) {
      this.#entries.delete(key);
      clearTimeout(existing.idleTimer);
      void existing.session.then((session) => session.closeWhenIdle(), () => undefined);
    }
    return this.#connect(key, digest, target);
  }

  /**
   * Runs a command on the target. If the pooled connection turns out to be dead before
   * the command started, it reconnects once; a command that may have run is never retried.
   */
  async exec(target: SshTarget, command: ShellCommand, options?: ExecOptions): Promise<ExecResult> {
    const session = await this.session(target);
    try {
      return await session.exec(command, options);
    } catch (error: unknown) {
      const neverStarted = isSshError(error, 'disconnected') ? error.details.exitCode === undefined : isSshError(error, 'exec-failed') && !session.alive;
      if (!neverStarted) throw error;
      const fresh = await this.session(target);
      return fresh.exec(command, options);
    }
  }

  /** Opens a forwarded TCP stream from the target host to `host:port`. */
  async forwardOut(target: SshTarget, host: string, port: number, timeoutMs?: number): Promise<ClientChannel> {
    const session = await this.session(target);
    return session.forwardOut(host, port, timeoutMs);
  }

  /** Closes the target's connection, if any; running commands lose their channel. */
  close(target: Pick<SshTarget, 'address' | 'port' | 'username'>): void {
    const key = targetKey(target);
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    clearTimeout(entry.idleTimer);
    void entry.session.then((session) => session.close(), () => undefined);
  }

  closeAll(): void {
    for (const [key, entry] of [...this.#entries]) {
      this.#entries.delete(key);
      clearTimeout(entry.idleTimer);
      void entry.session.then((session) => session.close(), () => undefined);
    }
  }

  #connect(key: string, digest: string, target: SshTarget): Promise<SshSession> {
    const session = SshSession.open(target);
    const entry: Entry = { digest, session };
    this.#entries.set(key, entry);
    session.then(
      (opened) => {
        opened.onClose(() => {
          if (this.#entries.get(key) === entry) {
            clearTimeout(entry.idleTimer);
            this.#entries.delete(key);
          }
        });
        this.#touch(key, entry);
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    return session;
  }

  #touch(key: string, entry: Entry): void {
    clearTimeout(entry.idleTimer);
    if (this.#idleMs <= 0) return;
    entry.idleTimer = setTimeout(() => {
      void entry.session.then((session) => {
        if (this.#entries.get(key) !== entry) return;
        if (session.busy) {
          this.#touch(key, entry);
          return;
        }
        this.#entries.delete(key);
        session.close();
      }, () => undefined);
    }, this.#idleMs);
    entry.idleTimer.unref();
  }
}

const globalForPool = globalThis as typeof globalThis & { tandemSshPool?: SshPool };

/** The process-wide pool; kept on globalThis so Next's dev reloads do not leak connections. */
export function getSshPool(): SshPool {
  globalForPool.tandemSshPool ??= new SshPool();
  return globalForPool.tandemSshPool;
}
