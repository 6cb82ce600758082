import { ident, sql, type SqlText } from '@/lib/pg/sql';
import { monitorHbaMarker } from './hba';
import type { Check, PlannedStep, StepPhase } from './plan-types';

/** The least-privilege login the poller uses: a member of pg_monitor, never a superuser. */
export const MONITOR_ROLE = 'tandem_monitor';

/** One member whose pg_hba must admit the monitoring role. */
export interface MonitoringMember {
  readonly name: string;
  readonly hbaFile: string | null;
  readonly phase: StepPhase;
  /** Hosts reached through an SSH tunnel connect from loopback, so that line is added too. */
  readonly viaTunnel: boolean;
}

export interface MonitoringPlanInput {
  readonly clusterName: string;
  /** The members hold certificates from Tandem's CA: the monitoring lines are `hostssl`. */
  readonly tls: boolean;
  readonly primary: string;
  readonly members: readonly MonitoringMember[];
}

const roleSql = (role: SqlText) => sql`SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'monitor_role') AS role_missing \\gset
\\if :role_missing
CREATE ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'monitor_password_verifier';
\\else
ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'monitor_password_verifier';
\\endif
GRANT pg_monitor TO ${role};`;

const ROLE_PRESENT_SQL = sql`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'monitor_role' AND rolcanlogin AND NOT rolsuper AND NOT rolreplication)
   AND EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
               WHERE r.rolname = :'monitor_role' AND g.rolname = 'pg_monitor') AS ok`;

/**
 * Creates or updates the monitoring role on the primary (replicas get it through WAL). The
 * password reaches the server only as a SCRAM verifier in a psql variable. Always runs:
 * whether the stored verifier matches Tandem's stored password cannot be read.
 */
export function monitorRoleStep(primary: string): PlannedStep {
  const present: Check = { kind: 'sql', host: primary, sql: ROLE_PRESENT_SQL, params: { monitor_role: MONITOR_ROLE } };
  return {
    id: 'monitor-role',
    title: `Create or update the monitoring role ${MONITOR_ROLE}`,
    host: primary,
    phase: 'primary',
    why: `Tandem polls lag as ${MONITOR_ROLE}, a login in pg_monitor without superuser or replication rights, never with the administrator's access.`,
    check: { kind: 'never', reason: 'the stored password cannot be compared with Tandem\'s' },
    actions: [{ kind: 'sql', host: primary, sql: roleSql(ident(MONITOR_ROLE)), params: { monitor_role: MONITOR_ROLE }, secretParams: { monitor_password_verifier: 'monitor-password-verifier' } }],
    verify: present,
  };
}

const HEARTBEAT_READY_SQL = sql`SELECT CASE WHEN to_regclass('tandem.heartbeat') IS NULL OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'monitor_role') THEN false
  ELSE has_schema_privilege(:'monitor_role', 'tandem', 'USAGE')
   AND has_table_privilege(:'monitor_role', 'tandem.heartbeat', 'SELECT, INSERT, UPDATE') END AS ok`;

/**
 * The heartbeat table the poller updates on the primary each tick, so time lag read on a
 * replica stays true when the primary is idle. The role may use schema `tandem` and read
 * and write this one table, nothing else there (not the canary).
 */
export function heartbeatTableStep(primary: string): PlannedStep {
  const role = ident(MONITOR_ROLE);
  const ready: Check = { kind: 'sql', host: primary, sql: HEARTBEAT_READY_SQL, params: { monitor_role: MONITOR_ROLE } };
  return {
    id: 'monitor-heartbeat',
    title: 'Create the tandem.heartbeat table on the primary',
    host: primary,
    phase: 'primary',
    why: `One row updated each poll makes replica time lag true on an idle primary; ${MONITOR_ROLE} may read and write only this table.`,
    check: ready,
    actions: [{
      kind: 'sql',
      host: primary,
      sql: sql`CREATE SCHEMA IF NOT EXISTS tandem;
CREATE TABLE IF NOT EXISTS tandem.heartbeat (id int PRIMARY KEY, at timestamptz NOT NULL);
INSERT INTO tandem.heartbeat (id, at) VALUES (1, now()) ON CONFLICT (id) DO NOTHING;
GRANT USAGE ON SCHEMA tandem TO ${role};
GRANT SELECT, INSERT, UPDATE ON tandem.heartbeat TO ${role};`,
      params: {},
    }],
    verify: ready,
  };
}

/**
 * Admits the monitoring role to database `postgres` from Tandem's address as `member` sees
 * it, with scram-sha-256, above the first rule (pg_hba is first-match), under the cluster's
 * monitoring marker so re-running replaces rather than adds lines; then reloads.
 */
export function monitorHbaStep(clusterName: string, member: MonitoringMember, tls: boolean): PlannedStep {
  const marker = monitorHbaMarker(clusterName);
  const check: Check = { kind: 'tandem-hba', host: member.name, role: MONITOR_ROLE, loopback: member.viaTunnel, tls };
  return {
    id: `monitor-hba-${member.name}`,
    title: `Allow Tandem's monitoring connections in pg_hba.conf on ${member.name}`,
    host: member.name,
    phase: member.phase,
    why: `Admits ${MONITOR_ROLE} to database postgres from Tandem's own address only${member.viaTunnel ? ' (and loopback, for the SSH tunnel)' : ''}${tls ? ', over TLS only' : ''}.`,
    check,
    actions: [
      { kind: 'tandem-hba-edit', host: member.name, file: member.hbaFile ?? '', marker, role: MONITOR_ROLE, loopback: member.viaTunnel, tls },
      { kind: 'sql', host: member.name, sql: sql`SELECT pg_reload_conf();`, params: {} },
    ],
    verify: check,
  };
}

/** Every step that makes a cluster monitorable: the role and heartbeat on the primary, pg_hba on each member with a known file. */
export function monitoringSteps(input: MonitoringPlanInput): PlannedStep[] {
  return [monitorRoleStep(input.primary), heartbeatTableStep(input.primary), ...monitorHbaSteps(input)];
}

/** Only the pg_hba steps, for members joining a cluster whose role already exists. */
export function monitorHbaSteps(input: MonitoringPlanInput): PlannedStep[] {
  return input.members.filter((member) => member.hbaFile).map((member) => monitorHbaStep(input.clusterName, member, input.tls));
}
