import 'server-only';
import { checkServerIdentity, type ConnectionOptions } from 'node:tls';
import pg from 'pg';
import type { ClientChannel } from 'ssh2';
import { getSshPool, type SshPool } from '../ssh/pool';
import type { SshTarget } from '../ssh/target';
import { connectFailure } from './connect-errors';

export type PgVia = 'direct' | 'ssh-tunnel';

/** How to reach one managed PostgreSQL. The password is used to log in and never logged. */
export interface ManagedPgTarget {
  /** Address Tandem connects to for `direct`; for `ssh-tunnel`, the address as seen from the host (default 127.0.0.1). */
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  readonly via: PgVia;
  /** Required for `ssh-tunnel`: the SSH login used to forward the connection. */
  readonly ssh?: SshTarget;
  readonly connectTimeoutMs?: number;
  /** Server-side limits set for the session; defaults 15 s and 5 s. */
  readonly statementTimeoutMs?: number;
  readonly lockTimeoutMs?: number;
  /**
   * Verify the server as libpq's `sslmode=verify-full` does: its certificate must chain to
   * `authorityPem` and name `serverName` (the member's address, also through a tunnel,
   * where the socket's peer is the host itself). SCRAM then binds to the TLS session.
   */
  readonly tls?: { readonly authorityPem: string; readonly serverName: string };
}

function verifyFull(tls: NonNullable<ManagedPgTarget['tls']>): ConnectionOptions {
  return {
    ca: tls.authorityPem,
    rejectUnauthorized: true,
    checkServerIdentity: (_host, cert) => checkServerIdentity(tls.serverName, cert),
  };
}

export const DEFAULT_PG_CONNECT_TIMEOUT_MS = 10_000;

/** `user@host:port/database (via)`, safe to show: no password. */
export function describePgTarget(target: ManagedPgTarget): string {
  const route = target.via === 'ssh-tunnel' && target.ssh ? ` via SSH ${target.ssh.address}` : '';
  return `${target.user}@${target.host}:${target.port}/${target.database}${route}`;
}

function socketLike(channel: ClientChannel): ClientChannel {
  return Object.assign(channel, {
    connect(): ClientChannel {
      process.nextTick(() => channel.emit('connect'));
      return channel;
    },
    setNoDelay: (): ClientChannel => channel,
    setKeepAlive: (): ClientChannel => channel,
    ref: (): ClientChannel => channel,
    unref: (): ClientChannel => channel,
  });
}

/**
 * Opens a `pg` Client to a managed host with a connect timeout, `statement_timeout`,
 * `lock_timeout` and `application_name=tandem`, directly over TCP or through an SSH
 * tunnel (a `forwardOut` channel from the host to `host:port`, handed to pg as its
 * stream). The caller must `end()` the client. Rejects with a PgError explaining the
 * failure (wrong password, no pg_hba entry, refused, timeout…).
 */
export async function openManagedClient(target: ManagedPgTarget, options: { pool?: SshPool } = {}): Promise<pg.Client> {
  const where = describePgTarget(target);
  const timeoutMs = target.connectTimeoutMs ?? DEFAULT_PG_CONNECT_TIMEOUT_MS;
  const statementTimeout = target.statementTimeoutMs ?? 15_000;
  let stream: ClientChannel | undefined;
  if (target.via === 'ssh-tunnel') {
    if (!target.ssh) throw new TypeError('openManagedClient: via ssh-tunnel needs an ssh target');
    try {
      stream = socketLike(await (options.pool ?? getSshPool()).forwardOut(target.ssh, target.host, target.port, timeoutMs));
    } catch (error: unknown) {
      throw connectFailure(error, where, timeoutMs);
    }
  }
  const tunnel = stream;
  const client = new pg.Client({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    application_name: 'tandem',
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: statementTimeout,
    lock_timeout: target.lockTimeoutMs ?? 5_000,
    query_timeout: statementTimeout + 5_000,
    ssl: target.tls ? verifyFull(target.tls) : false,
    enableChannelBinding: target.tls !== undefined,
    ...(tunnel ? { stream: () => tunnel } : {}),
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error: unknown) {
    tunnel?.destroy();
    throw connectFailure(error, where, timeoutMs);
  }
  return client;
}

/** Opens a client, runs `work` with it, and always ends it. */
export async function withManagedClient<T>(target: ManagedPgTarget, work: (client: pg.Client) => Promise<T>, options: { pool?: SshPool } = {}): Promise<T> {
  const client = await openManagedClient(target, options);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
