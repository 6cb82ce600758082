import 'server-only';
import { startAlerting } from '@/lib/alerts/alerting';
import { issueSetupToken, setupTokenFile } from '@/lib/auth/setup-token';
import { bootstrapAdminFromEnv, countUsers } from '@/lib/auth/users';
import { env } from '@/lib/config/env';
import { database } from '@/lib/db/client';
import { bindLegacyHostSecrets } from '@/lib/db/hosts';
import { registerPollErrorSource } from '@/lib/metrics/poll-errors';
import { pollErrorCounts, startPoller } from '@/lib/monitor/poller';
import { startBackupScheduler } from '@/lib/operations/backup/scheduler';
import { startRunner } from '@/lib/operations/runner';
import { installPeerStamp } from './peer-stamp';

/** Start-up work: fail fast on a bad configuration or database, before serving anyone. */
export async function startServer(): Promise<void> {
  installPeerStamp();
  const { driver } = await database();
  console.info(`[tandem] database ready (${driver.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server'})`);
  await bootstrapAdminFromEnv();
  if ((await countUsers()) === 0) {
    const token = await issueSetupToken();
    console.info(`[tandem] no admin yet: open ${env().TANDEM_URL}/setup and enter the setup token ${token} (also in ${setupTokenFile()}); each start replaces it until the first admin exists`);
  }
  const rebound = await bindLegacyHostSecrets();
  if (rebound > 0) console.info(`[tandem] bound ${rebound} stored host secret(s) to their host's endpoint`);
  await startRunner();
  startAlerting();
  registerPollErrorSource(pollErrorCounts);
  await startPoller();
  await startBackupScheduler();
}
