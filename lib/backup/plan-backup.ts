import type { Step } from '@/lib/replication/engine/types';
import { repositoryOnHost } from './config-file';
import { backupStep, catalogStep, type BackupRecorder } from './pgbackrest-steps';
import { backupRunner } from './runner';
import type { BackupSetup, BackupType } from './types';

/** What a backup operation stores. `scheduled`: started by the schedule, not a person. */
export interface BackupParams {
  readonly type: BackupType;
  readonly repository: number;
  readonly primary: string;
  readonly requestedAt: string;
  readonly scheduled: boolean;
}

/** One backup into one repository, then the catalog read again (expiry by the retention runs with the backup). */
export function planBackup(setup: BackupSetup, params: BackupParams, recorder: BackupRecorder): Step[] {
  const runner = backupRunner(setup, params.primary);
  return [backupStep(setup.stanza, runner, params.type, params.repository, recorder, params.requestedAt, params.primary, repositoryOnHost(setup, params.repository)), catalogStep(setup.stanza, runner, recorder, false)];
}
