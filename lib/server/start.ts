import 'server-only';
import { bootstrapAdminFromEnv } from '@/lib/auth/users';
import { database } from '@/lib/db/client';
import { startPoller } from '@/lib/monitor/poller';
import { startRunner } from './runner';
import './runner-kinds';

/** Start-up work: fail fast on a bad configuration or database, before serving anyone. */
export async function startServer(): Promise<void> {
  const { driver } = await database();
  console.info(`[tandem] database ready (${driver.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server'})`);
  await bootstrapAdminFromEnv();
  await startRunner();
  await startPoller();
}
