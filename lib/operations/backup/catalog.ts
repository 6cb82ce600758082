import 'server-only';
import { pgbackrest } from '@/lib/backup/commands';
import { parseStanzaInfo } from '@/lib/backup/info';
import { backupRunner } from '@/lib/backup/runner';
import { sh } from '@/lib/ssh/shell';
import { loadCatalog, saveCatalog } from '@/lib/db/backups';
import { loadBackupInputs } from '../backup-inputs';
import { hostPorts } from '../host-ports';

/** How old Tandem's catalog may get before the schedule reads the repository again (backups taken outside Tandem show up within this). */
export const CATALOG_MAX_AGE_MS = 10 * 60_000;

/**
 * Reads `pgbackrest info` on the host backups run on and stores it as the cluster's catalog,
 * when the stored one is older than `maxAgeMs`.
 */
export async function refreshCatalog(clusterId: number, now: Date, maxAgeMs = CATALOG_MAX_AGE_MS): Promise<void> {
  const stored = await loadCatalog(clusterId);
  if (stored && now.getTime() - stored.readAt.getTime() < maxAgeMs) return;
  const inputs = await loadBackupInputs(clusterId);
  if (!inputs.primary) return;
  const runner = backupRunner(inputs.setup, inputs.primary);
  const result = await hostPorts(new Map()).shell.exec(runner.host, pgbackrest(runner.user, sh`${`--stanza=${inputs.setup.stanza}`} --output=json info`), { as: 'root', timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`pgbackrest info on ${runner.host} failed: ${result.stderr.trim().split('\n').at(-1) ?? `exit ${result.code ?? 'signal'}`}`);
  await saveCatalog(clusterId, parseStanzaInfo(result.stdout, inputs.setup.stanza));
}
