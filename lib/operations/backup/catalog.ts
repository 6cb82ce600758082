import 'server-only';
import { pgbackrest } from '@/lib/backup/commands';
import { repositoryHostOf } from '@/lib/backup/config-file';
import { lastLine } from '@/lib/backup/host-steps';
import { parseStanzaInfo } from '@/lib/backup/info';
import { parseRepositorySpace, repositorySpaceCommand } from '@/lib/backup/repository-space';
import { backupRunner } from '@/lib/backup/runner';
import { sh } from '@/lib/ssh/shell';
import { loadCatalog, saveCatalog } from '@/lib/db/backups';
import { saveRepositorySample } from '@/lib/db/backup-health';
import { loadBackupInputs } from '../backup-inputs';
import { hostPorts } from '../host-ports';

/** How old Tandem's catalog may get before the schedule reads the repository again (backups taken outside Tandem show up within this). */
export const CATALOG_MAX_AGE_MS = 10 * 60_000;

/**
 * Reads `pgbackrest info` on the host backups run on and stores it as the cluster's catalog,
 * when the stored one is older than `maxAgeMs`; then reads the repository host repository's
 * file system (`df`, `du`) there and stores the reading for the forecast.
 */
export async function refreshCatalog(clusterId: number, now: Date, maxAgeMs = CATALOG_MAX_AGE_MS): Promise<void> {
  const stored = await loadCatalog(clusterId);
  if (stored && now.getTime() - stored.readAt.getTime() < maxAgeMs) return;
  const inputs = await loadBackupInputs(clusterId);
  if (!inputs.primary) return;
  const runner = backupRunner(inputs.setup, inputs.primary);
  const shell = hostPorts(new Map()).shell;
  const result = await shell.exec(runner.host, pgbackrest(runner.user, sh`${`--stanza=${inputs.setup.stanza}`} --output=json info`), { as: 'root', timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`pgbackrest info on ${runner.host} failed: ${lastLine(result)}`);
  await saveCatalog(clusterId, parseStanzaInfo(result.stdout, inputs.setup.stanza));
  const repository = repositoryHostOf(inputs.setup);
  if (!repository?.host) return;
  const space = await shell.exec(repository.host.name, repositorySpaceCommand(repository.path), { as: 'root', timeoutMs: 120_000 });
  const reading = space.code === 0 ? parseRepositorySpace(space.stdout) : null;
  if (!reading) throw new Error(`df ${repository.path} on ${repository.host.name} failed: ${lastLine(space)}`);
  await saveRepositorySample(clusterId, repository.number, now, reading);
}
