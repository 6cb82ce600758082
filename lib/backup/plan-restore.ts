import type { FailoverMember } from '@/lib/failover/plan-types';
import type { Step } from '@/lib/replication/engine/types';
import { repositoryHostOf } from './config-file';
import { amcheckStep, cleanupDrillStep, smokeTestStep, verifyRepositoryStep } from './drill-steps';
import { configStep, trustStep } from './host-steps';
import { restoreStep, startRestoredStep, stopTargetStep, type RestoreHost } from './restore-steps';
import type { RestoreTarget, TargetAction } from './restore-target';
import { backupRunner, shownSecrets } from './runner';
import type { BackupSetup, SecretsByRepository } from './types';

/** What a restore (or a restore drill) stores. */
export interface RestoreParams {
  readonly onto: RestoreHost;
  readonly target: RestoreTarget;
  readonly action: TargetAction;
  /** The repository to restore from; null lets pgBackRest take the first that holds the backup. */
  readonly repository: number | null;
  /** The primary, whose current WAL is archived first; null when none answers (the restore then reaches what is archived). */
  readonly primary: string | null;
  /** Names what the restore keeps: the host's own data directory moved aside to `<datadir>.tandem-<stamp>`. */
  readonly stamp: string;
  readonly requestedAt: string;
  /** A drill: verify the repository and the copy's pages, then remove the scratch copy and put the host's own server back. */
  readonly drill: boolean;
  /** The whole cluster replaced (planReplaceCluster): `onto` is its primary, restored in place; the replicas are rebuilt from it. */
  readonly replace?: { readonly primary: FailoverMember; readonly replicas: readonly FailoverMember[] };
}

/**
 * A point-in-time restore onto a host that is not a member (the side restore that recovers a
 * dropped table), or a restore drill onto a scratch host: SSH trust with the repository host,
 * the stanza's file on the host, its server stopped, the restore (its data directory kept aside;
 * meanwhile the primary's current WAL is archived with pgbackrest check), the restored server
 * started and proven at its target; a drill then checks the copy's pages, runs the cluster's
 * smoke test (when it has one) and cleans up.
 */
export function planRestore(setup: BackupSetup, params: RestoreParams, secrets: () => Promise<SecretsByRepository>, smokeTestSql = ''): Step[] {
  const repositoryHost = repositoryHostOf(setup)?.host ?? null;
  const runner = params.primary ? backupRunner(setup, params.primary) : null;
  const onto = params.onto;
  const archiveOn = params.target.kind !== 'backup' ? runner : null;
  return [
    // A drill checks the repository before it touches the scratch host: a damaged one fails with nothing changed there.
    ...(params.drill && runner ? [verifyRepositoryStep(setup.stanza, runner)] : []),
    ...(repositoryHost ? [trustStep(setup.stanza, repositoryHost, onto)] : []),
    configStep(setup, secrets, onto, { kind: 'database', pg: onto }, shownSecrets(setup)),
    stopTargetStep(onto, params.stamp),
    restoreStep(setup.stanza, onto, params.target, params.action, params.repository, params.stamp, archiveOn),
    startRestoredStep(onto, setup.major, params.target, params.action, params.requestedAt),
    ...(params.drill ? [amcheckStep(onto, setup.major), ...(smokeTestSql.trim() ? [smokeTestStep(onto, smokeTestSql)] : []), cleanupDrillStep(onto, params.stamp)] : []),
  ];
}
