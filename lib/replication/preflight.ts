import { accessChecks, primaryStateChecks, replicaChecks, versionCheck } from './preflight-hosts';
import { roleChecks } from './preflight-role';
import { settingsChecks } from './preflight-settings';
import { check, type PreflightCheck, type PreflightResult } from './preflight-types';
import { listenCovers } from './primary-settings';
import type { SetupOptions, SetupSnapshot } from './setup-types';
import { validateSetup } from './validate-setup';

/**
 * Judges whether the setup can run, from a snapshot taken just before: access, versions,
 * primary state, the replication role (an existing superuser or non-replication role only
 * when confirmed), each replica's cluster, disk and reachability, the primary's replication
 * settings, dangerous settings, and every name that would reach a command. Pure: it
 * changes nothing and is re-run whenever the snapshot or options change.
 * After: `canRun` is true only when no check failed; warnings are shown, not blocking.
 */
export function runPreflight(snapshot: SetupSnapshot, options: SetupOptions): PreflightResult {
  const issues = validateSetup(snapshot, options);
  const nameChecks = issues.length === 0
    ? [check('names', null, 'pass', 'Cluster, role, host, slot and application names are valid')]
    : issues.map((issue) => check('names', null, 'fail', `${issue.field}: ${issue.message}`, 'Change the value; nothing runs until every name is valid.'));
  const listenWillChange = options.setListenAddresses
    && !listenCovers(snapshot.primary.facts?.cluster?.listenAddresses ?? null, snapshot.primary.address);
  const checks: PreflightCheck[] = [
    ...nameChecks,
    ...accessChecks(snapshot.primary),
    ...snapshot.replicas.flatMap((replica) => accessChecks(replica)),
    ...versionCheck(snapshot),
    ...primaryStateChecks(snapshot),
    ...roleChecks(snapshot, options),
    ...snapshot.replicas.flatMap((replica) => replicaChecks(replica, snapshot, options, listenWillChange)),
    ...settingsChecks(snapshot, options),
  ];
  return { checks, canRun: checks.every((item) => item.status !== 'fail') };
}
