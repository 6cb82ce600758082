import { sql } from '@/lib/pg/sql';
import { sh } from '@/lib/ssh/shell';
import { queryOk } from './engine/pg-rows';
import { StepFailure, type StepContext } from './engine/types';
import { hostCidr, isIpAddress } from './names';
import type { Action, Check } from './plan-types';

/** Prints `$SSH_CLIENT` (`address port localport`): its first field is Tandem's address as the host sees it. */
export const TANDEM_ADDRESS_COMMAND = sh`printf '%s\n' "$SSH_CLIENT"`;

/** What the runbook shows in place of the address, which is only known on the host. */
export const TANDEM_ADDRESS_PLACEHOLDER = '<Tandem\'s address from $SSH_CLIENT>';

const LOOPBACK = '127.0.0.1';
const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The pg_hba lines letting the monitoring role into database `postgres` from each address
 * with scram-sha-256, marked as Tandem's monitoring lines. Loopback is added for hosts
 * reached through an SSH tunnel, whose connections arrive from the host itself.
 */
export function monitorHbaLines(role: string, addresses: readonly string[], marker: string, tls: boolean): string[] {
  return addresses.map((address) => [tls ? 'hostssl' : 'host', 'postgres', role, address.startsWith('<') ? `${address}/32` : hostCidr(address), 'scram-sha-256', `# ${marker}`].join('\t'));
}

/** Reads and validates `$SSH_CLIENT`'s address on `host`; an IPv4-mapped IPv6 address is given as IPv4. */
export async function readTandemAddress(host: string, ctx: StepContext): Promise<string> {
  const result = await ctx.shell.exec(host, TANDEM_ADDRESS_COMMAND, { as: 'login', signal: ctx.signal });
  const raw = result.stdout.trim().split(/\s+/)[0] ?? '';
  const address = MAPPED_IPV4.exec(raw)?.[1] ?? raw.toLowerCase();
  if (result.code !== 0 || !isIpAddress(address)) {
    throw new StepFailure(`Could not read Tandem's address as ${host} sees it ($SSH_CLIENT gave ${JSON.stringify(raw.slice(0, 60))}).`);
  }
  return address;
}

function addressesFor(address: string, loopback: boolean): string[] {
  return loopback && address !== LOOPBACK ? [address, LOOPBACK] : [address];
}

const HBA_SQL = sql`WITH rules AS (
  SELECT row_number() OVER (ORDER BY line_number) AS pos, type, database, user_name, address, auth_method
  FROM pg_hba_file_rules WHERE error IS NULL
), mine AS (
  SELECT address, min(pos) AS pos FROM rules
  WHERE type = :'hba_type' AND database = ARRAY['postgres'] AND user_name = ARRAY[:'role_name']::text[]
    AND auth_method = 'scram-sha-256' AND address = ANY (string_to_array(:'hba_addresses', ' '))
  GROUP BY address
)
SELECT NOT EXISTS (SELECT 1 FROM pg_hba_file_rules WHERE error IS NOT NULL)
   AND (SELECT count(*) FROM mine WHERE NOT EXISTS (
        SELECT 1 FROM rules r WHERE r.pos < mine.pos AND r.database <> ARRAY['replication']
          AND NOT (r.database = ARRAY['postgres'] AND r.user_name = ARRAY[:'role_name']::text[]))) = (:'hba_count')::int AS ok`;

/** The SQL check for given addresses: every line present, above every rule that is not Tandem's own. */
export function tandemHbaSqlCheck(host: string, role: string, addresses: readonly string[], tls: boolean): Extract<Check, { kind: 'sql' }> {
  return { kind: 'sql', host, sql: HBA_SQL, params: { hba_type: tls ? 'hostssl' : 'host', role_name: role, hba_addresses: addresses.join(' '), hba_count: String(addresses.length) } };
}

/** Evaluates a `tandem-hba` check: reads Tandem's address on the host, then the check above. */
export async function tandemHbaHolds(check: Extract<Check, { kind: 'tandem-hba' }>, ctx: StepContext): Promise<boolean> {
  const address = await readTandemAddress(check.host, ctx);
  const sqlCheck = tandemHbaSqlCheck(check.host, check.role, addressesFor(address, check.loopback), check.tls);
  return queryOk(ctx.pg, sqlCheck.host, sqlCheck.sql, { params: sqlCheck.params, signal: ctx.signal });
}

/** Turns a `tandem-hba-edit` into the plain `hba-edit` for Tandem's address as read on the host now. */
export async function resolveTandemHbaEdit(action: Extract<Action, { kind: 'tandem-hba-edit' }>, ctx: StepContext): Promise<Extract<Action, { kind: 'hba-edit' }>> {
  const address = await readTandemAddress(action.host, ctx);
  ctx.log(`Tandem's address as ${action.host} sees it: ${address}`);
  return { kind: 'hba-edit', host: action.host, file: action.file, marker: action.marker, lines: monitorHbaLines(action.role, addressesFor(address, action.loopback), action.marker, action.tls), belowReplicationLines: true };
}

/** The runbook text of a `tandem-hba` check. */
export function describeTandemHba(check: Extract<Check, { kind: 'tandem-hba' }>): string {
  const placeholder = tandemHbaSqlCheck(check.host, check.role, addressesFor(TANDEM_ADDRESS_PLACEHOLDER, check.loopback), check.tls);
  return `[${check.host}] address=$(${TANDEM_ADDRESS_COMMAND.text}); then ${placeholder.sql.trim()}\n  -- with role_name=${JSON.stringify(check.role)}, hba_addresses=that address${check.loopback ? ' and 127.0.0.1' : ''}`;
}

/** The runbook lines of a `tandem-hba-edit`, the address shown as a placeholder. */
export function placeholderLines(action: Extract<Action, { kind: 'tandem-hba-edit' }>): string[] {
  return monitorHbaLines(action.role, addressesFor(TANDEM_ADDRESS_PLACEHOLDER, action.loopback), action.marker, action.tls);
}
