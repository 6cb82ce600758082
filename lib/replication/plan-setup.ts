import { replicaNames, type FieldIssue } from './names';
import { hbaStep, primarySettingsSteps, primaryTlsSteps, roleStep, rolePresentStep, slotStep, synchronousStep } from './plan-primary';
import { monitorHbaSteps, monitorRoleStep, heartbeatTableStep, type MonitoringPlanInput } from './plan-monitoring';
import { passfileStep, replicaSteps } from './plan-replica';
import type { PlannedStep, SetupPlan } from './plan-types';
import { canaryStep, canaryTableStep, streamingStep } from './plan-verify';
import { primaryMajor, primarySettingChanges } from './primary-settings';
import type { SetupHost, SetupOptions, SetupReplica, SetupSnapshot } from './setup-types';
import { validateSetup } from './validate-setup';

export type PlanResult = { readonly ok: true; readonly plan: SetupPlan } | { readonly ok: false; readonly issues: readonly FieldIssue[] };

function peersOf(snapshot: SetupSnapshot, host: SetupHost): SetupHost[] {
  return [snapshot.primary, ...snapshot.replicas].filter((member) => member.name !== host.name);
}

function replicaHbaSteps(snapshot: SetupSnapshot, replicas: readonly SetupReplica[], options: SetupOptions): PlannedStep[] {
  return replicas
    .filter((replica) => replica.facts?.cluster?.hbaFile)
    .map((replica) => hbaStep(`replica-${replicaNames(replica.name).applicationName}-hba`, replica, 'replica', peersOf(snapshot, replica), options));
}

function monitoringInput(snapshot: SetupSnapshot, options: SetupOptions, hosts: readonly SetupHost[]): MonitoringPlanInput {
  return {
    clusterName: options.clusterName,
    tls: options.tls,
    primary: snapshot.primary.name,
    members: hosts.map((host) => ({ name: host.name, hbaFile: host.facts?.cluster?.hbaFile ?? null, phase: host.name === snapshot.primary.name ? 'primary' : 'replica', viaTunnel: host.pgVia === 'ssh-tunnel' })),
  };
}

function notes(snapshot: SetupSnapshot, options: SetupOptions): string[] {
  const major = primaryMajor(snapshot);
  const result: string[] = [];
  if (options.slots && major < 13) result.push('max_slot_wal_keep_size does not exist before PostgreSQL 13: watch the WAL each slot retains.');
  if (!options.slots) result.push(`No slots: the primary keeps ${options.walKeepSize} of WAL (${major >= 13 ? 'wal_keep_size' : 'wal_keep_segments'}); a replica further behind must be cloned again.`);
  if (options.passwordMethod === 'md5') result.push('md5 authentication was chosen; scram-sha-256 is stronger.');
  if (options.slots && major >= 17) result.push('PostgreSQL 17 can keep logical failover slots in step on standbys (sync_replication_slots); Tandem leaves it off, as it manages physical slots only: turn it on yourself if logical subscribers must survive a failover.');
  if (options.slots && major >= 18) result.push('PostgreSQL 18\'s idle_replication_slot_timeout (off by default, left so) would invalidate a slot idle longer than it: a replica down that long would need a new clone.');
  if (primarySettingChanges(snapshot, options).some((change) => change.restart)) result.push('The primary restarts once if a changed setting needs it.');
  return result;
}

function assemble(kind: SetupPlan['kind'], snapshot: SetupSnapshot, options: SetupOptions, role: PlannedStep, newReplicas: readonly SetupReplica[]): SetupPlan {
  const steps: PlannedStep[] = [
    ...primarySettingsSteps(snapshot, options),
    ...(options.tls && kind === 'setup' ? primaryTlsSteps(snapshot, options) : []),
    hbaStep('primary-hba', snapshot.primary, 'primary', snapshot.replicas, options),
    role,
    ...(options.slots ? newReplicas.map((replica) => slotStep(snapshot, replica)) : []),
    canaryTableStep(snapshot),
    ...(kind === 'setup' ? [monitorRoleStep(snapshot.primary.name), heartbeatTableStep(snapshot.primary.name), ...monitorHbaSteps(monitoringInput(snapshot, options, [snapshot.primary]))] : []),
    ...newReplicas.flatMap((replica) => replicaSteps(snapshot, replica, options)),
    ...(kind === 'add-replica' ? snapshot.replicas.filter((replica) => !newReplicas.includes(replica)).map((replica) => passfileStep(snapshot, replica, options)) : []),
    ...replicaHbaSteps(snapshot, snapshot.replicas, options),
    ...monitorHbaSteps(monitoringInput(snapshot, options, kind === 'setup' ? snapshot.replicas : [snapshot.primary, ...snapshot.replicas])),
    ...newReplicas.map((replica) => streamingStep(snapshot, replica, options)),
    ...(options.mode === 'sync' ? [synchronousStep(snapshot)] : []),
    canaryStep(snapshot, snapshot.replicas, options),
  ];
  return { kind, clusterName: options.clusterName, steps, notes: notes(snapshot, options) };
}

/**
 * Plans the whole setup: primary settings (restart only if needed), pg_hba, role, slots
 * and canary table; then each replica cloned and started; pg_hba on each replica for a
 * later role reversal; streaming verified; synchronous mode switched on last; a canary
 * read everywhere. Pure: the same snapshot and options give the same plan, which is also
 * the runbook shown before anything runs.
 * Before: preflight passed. Returns the field issues instead of a plan when any value
 * would be unsafe in a command, so no plan ever holds an unvalidated value.
 */
export function planSetup(snapshot: SetupSnapshot, options: SetupOptions): PlanResult {
  const issues = validateSetup(snapshot, options);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, plan: assemble('setup', snapshot, options, roleStep(snapshot, options), snapshot.replicas) };
}

/**
 * Plans adding one replica to a running cluster. `snapshot.replicas` lists every replica
 * the cluster will have (existing ones and the new one), so pg_hba lines, headroom and
 * synchronous_standby_names cover all of them; only `newReplicaName` is cloned. The
 * role's password is not changed, because existing replicas' passfiles hold it.
 */
export function planAddReplica(snapshot: SetupSnapshot, options: SetupOptions, newReplicaName: string): PlanResult {
  const issues = validateSetup(snapshot, options);
  const added = snapshot.replicas.find((replica) => replica.name === newReplicaName);
  if (!added) return { ok: false, issues: [...issues, { field: 'newReplicaName', message: `${JSON.stringify(newReplicaName.slice(0, 60))} is not among the snapshot's replicas` }] };
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, plan: assemble('add-replica', snapshot, options, rolePresentStep(snapshot, options), [added]) };
}
