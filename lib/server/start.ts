import 'server-only';
import { startAlerting } from '@/lib/alerts/alerting';
import { bootstrapAdminFromEnv } from '@/lib/auth/users';
import { database } from '@/lib/db/client';
import { bindLegacyHostSecrets } from '@/lib/db/hosts';
import { registerPollErrorSource } from '@/lib/metrics/poll-errors';
import { pollErrorCounts, startPoller } from '@/lib/monitor/poller';
import { startRunner } from '@/lib/operations/runner';
import { installPeerStamp } from './peer-stamp';

/** Start-up work: fail fast on a bad configuration or database, before serving anyone. */
export async function startServer(): Promise<void> {
  installPeerStamp();
  const { driver } = await database();
  console.info(`[tandem] database ready (${driver.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server'})`);
  await bootstrapAdminFromEnv();
  const rebound = await bindLegacyHostSecrets();
  if (rebound > 0) console.info(`[tandem] bound ${rebound} stored host secret(s) to their host's endpoint`);
  await startRunner();
  startAlerting();
  registerPollErrorSource(pollErrorCounts);
  await startPoller();
}
