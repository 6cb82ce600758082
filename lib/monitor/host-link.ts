import 'server-only';
import type pg from 'pg';
import { openManagedClient, type ManagedPgTarget } from '@/lib/pg/managed-client';

export interface HostLinkOptions {
  /** Budget for one use (connect included): a dead host costs at most this per tick. */
  readonly deadlineMs: number;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly now?: () => number;
  readonly open?: (target: ManagedPgTarget) => Promise<pg.Client>;
}

/** A host did not answer: `reason` says why in plain words (refused, timeout, authentication…). */
export class HostDown extends Error {
  override readonly name = 'HostDown';
  constructor(readonly reason: string) {
    super(reason);
  }
}

function targetDigest(target: ManagedPgTarget): string {
  return JSON.stringify([target.host, target.port, target.database, target.user, target.password, target.via, target.ssh?.address ?? null, target.ssh?.port ?? null, target.tls?.serverName ?? null, target.tls?.authorityPem ?? null]);
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HostDown(`no answer within ${ms} ms (${what})`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One persistent monitoring connection to one host, kept across ticks. A use is bounded
 * by its own deadline, so one dead host never delays the others. After a failed connect,
 * the host is reported down with the reason and retried with exponential backoff (capped);
 * a connection that errors or overruns is dropped and reopened on a later tick.
 */
export class HostLink {
  #target: ManagedPgTarget;
  #digest: string;
  readonly #options: Required<Omit<HostLinkOptions, 'open'>> & Pick<HostLinkOptions, 'open'>;
  #client: pg.Client | null = null;
  #connecting: Promise<pg.Client> | null = null;
  #nextAttemptAt = 0;
  #backoffMs: number;
  #lastError: string | null = null;

  constructor(target: ManagedPgTarget, options: HostLinkOptions) {
    this.#target = target;
    this.#digest = targetDigest(target);
    this.#options = { minBackoffMs: 500, maxBackoffMs: 30_000, now: Date.now, ...options };
    this.#backoffMs = this.#options.minBackoffMs;
  }

  /** Points the link at a changed target (address, password…); the old connection is closed. */
  retarget(target: ManagedPgTarget): void {
    const digest = targetDigest(target);
    if (digest === this.#digest) return;
    this.close();
    this.#target = target;
    this.#digest = digest;
    this.#nextAttemptAt = 0;
    this.#backoffMs = this.#options.minBackoffMs;
  }

  /** Runs `work` on the connection within the deadline; rejects with HostDown when the host does not answer. */
  async use<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = await withDeadline(this.#ready(), this.#options.deadlineMs, 'connect');
    try {
      return await withDeadline(work(client), this.#options.deadlineMs, 'query');
    } catch (error: unknown) {
      this.#drop(client);
      throw error instanceof HostDown ? error : new HostDown(error instanceof Error ? error.message : String(error));
    }
  }

  close(): void {
    if (this.#client) this.#drop(this.#client);
    const pending = this.#connecting;
    this.#connecting = null;
    void pending?.then((client) => client.end().catch(() => undefined), () => undefined);
  }

  #ready(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    if (this.#connecting) return this.#connecting;
    const now = this.#options.now();
    if (now < this.#nextAttemptAt) {
      const seconds = Math.ceil((this.#nextAttemptAt - now) / 1000);
      return Promise.reject(new HostDown(`${this.#lastError ?? 'not connected'} (next try in ${seconds} s)`));
    }
    const attempt = (this.#options.open ?? openManagedClient)({ ...this.#target, connectTimeoutMs: Math.max(this.#options.deadlineMs, 3_000), statementTimeoutMs: this.#options.deadlineMs });
    const connecting = attempt.then(
      (client) => {
        if (this.#connecting !== connecting) {
          void client.end().catch(() => undefined);
          throw new HostDown('connection closed');
        }
        this.#client = client;
        this.#backoffMs = this.#options.minBackoffMs;
        this.#lastError = null;
        client.on('error', () => this.#drop(client));
        client.on('end', () => this.#drop(client));
        return client;
      },
      (error: unknown) => {
        this.#lastError = error instanceof Error ? error.message : String(error);
        this.#nextAttemptAt = this.#options.now() + this.#backoffMs;
        this.#backoffMs = Math.min(this.#backoffMs * 2, this.#options.maxBackoffMs);
        throw new HostDown(this.#lastError);
      },
    ).finally(() => {
      if (this.#connecting === connecting) this.#connecting = null;
    });
    this.#connecting = connecting;
    return connecting;
  }

  #drop(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = null;
    void client.end().catch(() => undefined);
  }
}
