import type { FailoverCluster, FailoverMember } from '@/lib/failover/plan-types';
import { rebuildStep } from '@/lib/failover/steps/rebuild';
import { sqlRun } from '@/lib/failover/steps/sql';
import { configureStandbyStep, passfileStep, startStandbyStep, stopStep, type ReplicationSecret } from '@/lib/failover/steps/standby';
import { joinSql, settingName, sql } from '@/lib/pg/sql';
import type { Step } from '@/lib/replication/engine/types';
import { repositoryHostOf } from './config-file';
import { configStep, trustStep } from './host-steps';
import { checkStep } from './pgbackrest-steps';
import type { RestoreParams } from './plan-restore';
import { restoreStep, startRestoredStep, stopTargetStep } from './restore-steps';
import { backupRunner, shownSecrets } from './runner';
import type { BackupSetup, SecretsByRepository } from './types';

/** The recovery settings pgBackRest writes into postgresql.auto.conf: a member that later became a standby would stop at the old target. */
const RECOVERY_TARGET_SETTINGS = ['recovery_target', 'recovery_target_lsn', 'recovery_target_name', 'recovery_target_time', 'recovery_target_xid', 'recovery_target_inclusive', 'recovery_target_action', 'recovery_target_timeline'];

/** Once the restored primary is promoted: its recovery target removed from postgresql.auto.conf (PostgreSQL 12+; before, recovery.conf is renamed on promote). */
function clearRecoveryTargetStep(primary: FailoverMember): Step {
  const reset = joinSql([...RECOVERY_TARGET_SETTINGS.map((name) => sql`ALTER SYSTEM RESET ${settingName(name)};`), sql`SELECT pg_reload_conf();`], sql`\n`);
  return {
    name: `Remove the recovery target from ${primary.name}'s postgresql.auto.conf`,
    host: primary.name,
    deadlineMs: 60_000,
    describe: () => ({ commands: [`[${primary.name} as postgres] psql\n${reset}`] }),
    check: async () => false,
    run: (ctx) => sqlRun(ctx, primary.name, reset),
    verify: async () => undefined,
  };
}

/**
 * Replaces the whole cluster with a backup restored to a target, after the user typed both the
 * primary's and the cluster's name: the current WAL archived first (when the target is not a
 * backup's end), every replica stopped, then the primary, whose data directory is moved aside
 * whole (never deleted) and restored in place, archiving into the stanza, promoted at the target
 * and proven there; then each replica rebuilt from it by base backup (its own data directory moved
 * aside too) and started as its standby, proven streaming.
 */
export function planReplaceCluster(setup: BackupSetup, params: RestoreParams, secrets: () => Promise<SecretsByRepository>, cluster: FailoverCluster, secret: () => Promise<ReplicationSecret>): Step[] {
  const replace = params.replace;
  if (!replace) throw new TypeError('planReplaceCluster needs the members it replaces.');
  const { primary, replicas } = replace;
  const onto = params.onto;
  const repositoryHost = repositoryHostOf(setup)?.host ?? null;
  return [
    ...(repositoryHost ? [trustStep(setup.stanza, repositoryHost, onto)] : []),
    configStep(setup, secrets, onto, { kind: 'database', pg: onto }, shownSecrets(setup)),
    ...(params.target.kind !== 'backup' ? [checkStep(setup.stanza, backupRunner(setup, primary.name))] : []),
    ...replicas.map((replica) => stopStep(replica, `its data is replaced by a copy of ${primary.name} once that is restored`)),
    stopTargetStep(onto, params.stamp),
    restoreStep(setup.stanza, onto, params.target, 'promote', params.repository, params.stamp, null, 'cluster'),
    startRestoredStep(onto, setup.major, params.target, 'promote', params.requestedAt),
    ...(setup.major >= 12 ? [clearRecoveryTargetStep(primary)] : []),
    ...replicas.flatMap((replica) => [
      passfileStep(cluster, replica, secret),
      rebuildStep(cluster, replica, primary, params.stamp, true),
      configureStandbyStep(cluster, replica, primary),
      startStandbyStep(cluster, replica, primary),
    ]),
  ];
}
