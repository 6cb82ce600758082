import 'server-only';
import { z } from 'zod';
import { loadBackupSetup } from '@/lib/db/backups';
import type { OperationActor } from '@/lib/db/operations';
import { sql } from '@/lib/pg/sql';
import { queryRows } from '@/lib/replication/engine/pg-rows';
import type { StartOutcome } from '@/lib/operations/rejoin/request';
import { refuseBackupRequest } from '../backup-refusal';
import { hostPorts } from '../host-ports';
import { startOperation } from '../runner';
import { enableBackupsKind } from './kind';

const modeRow = z.object({ mode: z.string() });

/**
 * Starts Enable backups after reading every member's archive_mode now: when one is off, the
 * change takes a restart, which runs only when the user allowed it (`restart`); otherwise
 * nothing starts and the answer says which members would restart.
 */
export async function requestEnableBackups(clusterId: number, restart: boolean, actor: OperationActor): Promise<StartOutcome> {
  const refuse = (message: string) => refuseBackupRequest(clusterId, 'backups.enable', 'enabling backups', message, actor);
  const loaded = await loadBackupSetup(clusterId).catch((error: unknown) => error instanceof Error ? error : new Error(String(error)));
  if (loaded instanceof Error) return refuse(loaded.message);
  if (!loaded) return refuse('Add a backup repository first (Backups → Settings).');
  if (!loaded.primary) return refuse('The cluster has no recorded primary.');
  const { pg } = hostPorts(new Map());
  // Every member at once: a silent one costs one timeout, not one per member.
  const modes = await Promise.all(loaded.setup.members.map(async (member) => ({
    name: member.name,
    rows: await queryRows(pg, member.name, sql`SELECT current_setting('archive_mode') AS mode`, modeRow, { timeoutMs: 10_000 }).catch(() => null),
  })));
  const silent = modes.find((member) => member.rows === null);
  if (silent) return refuse(`${silent.name} does not answer: every member must be up to enable backups.`);
  const needRestart = modes.filter((member) => member.rows?.[0]?.mode === 'off').map((member) => member.name);
  if (needRestart.length > 0 && !restart) {
    return refuse(`archive_mode is off on ${needRestart.join(', ')}; turning it on takes a restart of ${needRestart.length === 1 ? 'that member' : 'those members'} (standbys first, the primary last). Allow the restart when you can take it.`);
  }
  const claim = await startOperation(enableBackupsKind, {
    clusterId,
    params: { primary: loaded.primary, restart, requestedAt: new Date().toISOString() },
    reason: `Enable backups with pgBackRest${needRestart.length > 0 ? ` (restarts ${needRestart.join(', ')})` : ''}`,
    actor,
  });
  return claim.ok ? claim : { ok: false, message: claim.message };
}
