import 'server-only';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { env } from '@/lib/config/env';
import type { Runner } from '@/lib/db/operations';

const GLOBAL_KEY = Symbol.for('tandem.instance');

/**
 * This process as an operation runner: `<name>#<random>` (the suffix tells a restart of the
 * same container, same host name and pid, from the process before it) and its lease.
 */
export function thisRunner(): Runner {
  const holder = globalThis as { [GLOBAL_KEY]?: Runner };
  holder[GLOBAL_KEY] ??= {
    id: `${env().TANDEM_INSTANCE_NAME ?? `${hostname()}:${process.pid}`}#${randomBytes(2).toString('hex')}`,
    leaseMs: env().TANDEM_OPERATION_LEASE_SECONDS * 1000,
  };
  return holder[GLOBAL_KEY];
}
