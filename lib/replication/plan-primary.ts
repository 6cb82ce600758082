import type { ManagedClusterFacts } from '@/lib/discovery/facts';
import { memberTlsFiles } from '@/lib/tls/member-files';
import { quoteIdent } from '@/lib/pg/quote-ident';
import { ident, sql } from '@/lib/pg/sql';
import { formatHbaLine, hbaMarker } from './hba';
import { replicaNames } from './names';
import type { Check, PlannedStep } from './plan-types';
import { primarySettingChanges, type SettingChange } from './primary-settings';
import { controlCommands } from './service-control';
import { alterSystemSql, fileCondition, liveCheck, okQuery, restartNeededCheck, settingParams } from './setting-sql';
import type { SetupHost, SetupOptions, SetupSnapshot } from './setup-types';

const RESTART_TIMEOUT_MS = 180_000;

/** Facts a validated snapshot is known to hold; planning never starts without them. */
export function clusterOf(host: SetupHost): ManagedClusterFacts {
  const cluster = host.facts?.cluster;
  if (!cluster) throw new Error(`Host ${host.name} has no managed cluster; run preflight first`);
  return cluster;
}

/**
 * Applies the primary's setting changes with `ALTER SYSTEM` rather than a managed include
 * file: it writes postgresql.auto.conf in the data directory, so it works the same for
 * Debian (/etc/postgresql) and other layouts, is read after postgresql.conf so it wins,
 * shows in pg_settings/pg_file_settings, and is undone with `ALTER SYSTEM RESET`.
 * Then reloads, and restarts only when one of these changes is a postmaster setting not
 * yet live. Empty when nothing needs to change.
 */
export function primarySettingsSteps(snapshot: SetupSnapshot, options: SetupOptions): PlannedStep[] {
  const changes = primarySettingChanges(snapshot, options);
  if (changes.length === 0) return [];
  const host = snapshot.primary.name;
  const control = controlCommands(clusterOf(snapshot.primary).control);
  return [
    {
      id: 'primary-settings',
      title: 'Write replication settings on the primary',
      host,
      phase: 'primary',
      why: changes.map((change) => `${change.name} = ${change.value}: ${change.reason}.`).join(' '),
      check: { kind: 'sql', host, sql: okQuery(changes.map(fileCondition)), params: settingParams(changes) },
      actions: [{ kind: 'sql', host, sql: sql`${alterSystemSql(changes)}\nSELECT pg_reload_conf();`, params: settingParams(changes) }],
      verify: { kind: 'sql', host, sql: okQuery(changes.map(fileCondition)), params: settingParams(changes) },
    },
    {
      id: 'primary-restart',
      title: changes.some((change) => change.restart) ? 'Reload the primary, restart it if a changed setting needs it' : 'Reload the primary',
      host,
      phase: 'primary',
      why: 'Settings written with ALTER SYSTEM take effect on reload; wal_level, max_wal_senders, max_replication_slots, listen_addresses and wal_log_hints only on restart.',
      check: liveCheck(host, changes),
      actions: [
        { kind: 'sql', host, sql: sql`SELECT pg_reload_conf();`, params: {} },
        { kind: 'shell-if', host, as: control.as, command: control.restart, timeoutMs: RESTART_TIMEOUT_MS, when: restartNeededCheck(host, changes) },
        { kind: 'wait', until: { kind: 'sql', host, sql: sql`SELECT NOT pg_is_in_recovery() AS ok`, params: {} }, intervalMs: 500, timeoutMs: 60_000 },
      ],
      verify: liveCheck(host, changes),
    },
  ];
}

const REPLICATION_HBA_SQL = sql`WITH rules AS (
  SELECT row_number() OVER (ORDER BY line_number) AS pos, type, database, user_name, address, auth_method
  FROM pg_hba_file_rules WHERE error IS NULL
)
SELECT NOT EXISTS (SELECT 1 FROM pg_hba_file_rules WHERE error IS NOT NULL)
   AND (SELECT count(*) FROM rules
        WHERE pos < coalesce((SELECT min(pos) FROM rules WHERE database <> ARRAY['replication']), 2147483647)
          AND type = :'hba_type' AND database = ARRAY['replication'] AND user_name = ARRAY[:'role_name']::text[]
          AND auth_method = :'hba_method' AND address = ANY (string_to_array(:'hba_addresses', ' '))) = (:'hba_count')::int AS ok`;

function hbaCheck(host: string, options: SetupOptions, addresses: readonly string[]): Check {
  return {
    kind: 'sql',
    host,
    sql: REPLICATION_HBA_SQL,
    params: { hba_type: options.tls ? 'hostssl' : 'host', role_name: options.roleName, hba_method: options.passwordMethod, hba_addresses: addresses.join(' '), hba_count: String(addresses.length) },
  };
}

/**
 * Lets the replication role in from each address in `peers` on `host`: the primary
 * admits its replicas, and each replica admits the other members so roles can reverse
 * later. Lines go before the first rule (pg_hba is first-match), marked as Tandem's.
 */
export function hbaStep(id: string, host: SetupHost, phase: 'primary' | 'replica', peers: readonly SetupHost[], options: SetupOptions): PlannedStep {
  const marker = hbaMarker(options.clusterName);
  const file = clusterOf(host).hbaFile ?? '';
  const lines = peers.map((peer) => formatHbaLine({ tls: options.tls, role: options.roleName, address: peer.address, method: options.passwordMethod }, marker));
  const check = hbaCheck(host.name, options, peers.map((peer) => peer.address));
  return {
    id,
    title: `Allow replication connections in pg_hba.conf on ${host.name}`,
    host: host.name,
    phase,
    why: `Admits ${options.roleName} from ${peers.map((peer) => peer.name).join(', ')}${options.tls ? ' over TLS only' : ''}; the lines go above the first rule because pg_hba.conf is first-match.`,
    check,
    actions: [
      { kind: 'hba-edit', host: host.name, file, marker, lines },
      { kind: 'sql', host: host.name, sql: sql`SELECT pg_reload_conf();`, params: {} },
    ],
    verify: check,
    config: [{ host: host.name, file, lines }],
  };
}

/**
 * Creates the replication role or updates an existing one. The password reaches the
 * server only as a verifier in a psql variable (never on a command line, never in clear).
 * Always runs: whether a stored verifier matches the operation's password cannot be read.
 */
export function roleStep(snapshot: SetupSnapshot, options: SetupOptions): PlannedStep {
  const host = snapshot.primary.name;
  const role = ident(options.roleName);
  const script = sql`SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role_name') AS role_missing \\gset
\\if :role_missing
CREATE ROLE ${role} WITH LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password_verifier';
\\else
ALTER ROLE ${role} WITH LOGIN REPLICATION PASSWORD :'password_verifier';
\\endif`;
  const present: Check = { kind: 'sql', host, sql: sql`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role_name' AND rolreplication AND rolcanlogin) AS ok`, params: { role_name: options.roleName } };
  return {
    id: 'primary-role',
    title: `Create or update the replication role ${options.roleName}`,
    host,
    phase: 'primary',
    why: `Replicas connect as ${options.roleName} with a generated password stored as a ${options.passwordMethod} verifier.`,
    check: { kind: 'never', reason: 'the stored password cannot be compared with this operation\'s password' },
    actions: [{ kind: 'sql', host, sql: script, params: { role_name: options.roleName }, secretParams: { password_verifier: 'replication-password-verifier' } }],
    verify: present,
  };
}

/** Add-replica keeps the cluster's password (existing replicas' passfiles hold it): only prove the role exists. */
export function rolePresentStep(snapshot: SetupSnapshot, options: SetupOptions): PlannedStep {
  const host = snapshot.primary.name;
  const present: Check = { kind: 'sql', host, sql: sql`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role_name' AND rolreplication AND rolcanlogin) AS ok`, params: { role_name: options.roleName } };
  return { id: 'primary-role', title: `Check the replication role ${options.roleName}`, host, phase: 'primary', why: 'The new replica uses the cluster\'s existing role and password.', check: present, actions: [], verify: present };
}

/** A physical slot for one replica, reserving WAL from creation so nothing the base backup needs is recycled. */
export function slotStep(snapshot: SetupSnapshot, replica: SetupHost): PlannedStep {
  const host = snapshot.primary.name;
  const { slotName } = replicaNames(replica.name);
  const exists: Check = { kind: 'sql', host, sql: sql`SELECT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = :'slot_name' AND slot_type = 'physical') AS ok`, params: { slot_name: slotName } };
  return {
    id: `primary-slot-${slotName}`,
    title: `Create the physical replication slot ${slotName}`,
    host,
    phase: 'primary',
    why: `The slot keeps WAL until ${replica.name} has received it.`,
    check: exists,
    actions: [{ kind: 'sql', host, sql: sql`SELECT pg_create_physical_replication_slot(:'slot_name', true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = :'slot_name');`, params: { slot_name: slotName } }],
    verify: exists,
  };
}

/**
 * `ANY 1 (…)`, quorum commit: a commit waits for whichever listed replica confirms first,
 * so one slow or lost replica does not stall the primary while another is up. Failover
 * must then pick the most advanced replica by LSN, which candidate ranking does anyway.
 */
export function synchronousStandbyNames(replicas: readonly SetupHost[]): string {
  return `ANY 1 (${replicas.map((replica) => quoteIdent(replicaNames(replica.name).applicationName)).join(', ')})`;
}

/**
 * Turns synchronous replication on, only after the replicas stream: set earlier, every
 * commit on the primary would wait for a standby that does not exist yet.
 */
export function synchronousStep(snapshot: SetupSnapshot): PlannedStep {
  const host = snapshot.primary.name;
  const change: SettingChange = { name: 'synchronous_standby_names', value: synchronousStandbyNames(snapshot.replicas), restart: false, reason: 'synchronous mode' };
  const names = snapshot.replicas.map((replica) => replicaNames(replica.name).applicationName);
  const quorum: Check = {
    kind: 'sql',
    host,
    sql: sql`SELECT count(*) = (:'replica_count')::int AS ok FROM pg_stat_replication WHERE application_name = ANY (string_to_array(:'application_names', ' ')) AND sync_state IN ('sync', 'quorum')`,
    params: { replica_count: String(names.length), application_names: names.join(' ') },
  };
  return {
    id: 'primary-synchronous',
    title: 'Make replication synchronous',
    host,
    phase: 'verify',
    why: `synchronous_standby_names = ${change.value}: a commit returns once any one replica has flushed it.`,
    check: { kind: 'all', of: [liveCheck(host, [change]), quorum] },
    actions: [
      { kind: 'sql', host, sql: sql`${alterSystemSql([change])}\nSELECT pg_reload_conf();`, params: settingParams([change]) },
      { kind: 'wait', until: quorum, intervalMs: 500, timeoutMs: 30_000 },
    ],
    verify: { kind: 'all', of: [liveCheck(host, [change]), quorum] },
  };
}

/** The certificate step of one member: a key made on the host, a certificate from Tandem's CA for its address. */
export function certificateStep(id: string, member: { readonly name: string; readonly address: string }, phase: 'primary' | 'replica', clusterName: string): PlannedStep {
  const check: Check = { kind: 'member-certificate', host: member.name, clusterName, address: member.address };
  const files = memberTlsFiles(clusterName);
  return {
    id,
    title: `Issue ${member.name} a TLS certificate from Tandem's CA`,
    host: member.name,
    phase,
    why: `Replication and monitoring verify ${member.name} by this certificate (verify-full). Its key is made on ${member.name} and never leaves it; the files are in ${files.dir}, outside the data directory, so a clone never copies them.`,
    check,
    actions: [{ kind: 'issue-certificate', host: member.name, clusterName, addresses: [member.address], dnsNames: [member.name] }],
    verify: check,
  };
}

/** ssl on with the member's Tandem certificate, by ALTER SYSTEM (a clone carries the same paths, right on every member). */
export function tlsSettingChanges(clusterName: string): SettingChange[] {
  const files = memberTlsFiles(clusterName);
  const reason = 'TLS with the certificate from Tandem\'s CA';
  return [
    { name: 'ssl_cert_file', value: files.cert, restart: false, reason },
    { name: 'ssl_key_file', value: files.key, restart: false, reason },
    { name: 'ssl_ca_file', value: files.authority, restart: false, reason },
    { name: 'ssl', value: 'on', restart: false, reason },
  ];
}

/** Turns TLS on at the primary with its certificate; a reload is enough (PostgreSQL ≥ 10). */
export function primaryTlsSteps(snapshot: SetupSnapshot, options: SetupOptions): PlannedStep[] {
  const host = snapshot.primary.name;
  const changes = tlsSettingChanges(options.clusterName);
  const live = liveCheck(host, changes);
  return [
    certificateStep('primary-certificate', snapshot.primary, 'primary', options.clusterName),
    {
      id: 'primary-tls',
      title: 'Turn TLS on at the primary',
      host,
      phase: 'primary',
      why: changes.map((change) => `${change.name} = ${change.value}`).join(', ') + '; replicas cloned from the primary carry the same settings.',
      check: live,
      actions: [{ kind: 'sql', host, sql: sql`${alterSystemSql(changes)}\nSELECT pg_reload_conf();`, params: settingParams(changes) },
        { kind: 'wait', until: live, intervalMs: 250, timeoutMs: 10_000 }],
      verify: live,
    },
  ];
}
