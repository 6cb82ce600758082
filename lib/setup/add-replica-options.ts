import { z } from 'zod';
import { REPLICATION_ROLE_CHECK } from '@/lib/replication/preflight-role';
import { check, type PreflightCheck } from '@/lib/replication/preflight-types';
import { defaultSetupOptions, type SetupOptions, type SetupSnapshot } from '@/lib/replication/setup-types';
import { maxRateKb } from './wizard-schema';

const keep = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The option fields a cluster's stored settings may carry; a missing or malformed field falls back to the default. */
const storedSettingsSchema = z.object({
  roleName: keep(z.string()),
  passwordMethod: keep(z.enum(['scram-sha-256', 'md5'])),
  slots: keep(z.boolean()),
  maxSlotWalKeepSize: keep(z.string()),
  walKeepSize: keep(z.string()),
  mode: keep(z.enum(['async', 'sync'])),
  baseBackupMaxRateKb: keep(z.number().int().nullable()),
  tls: keep(z.boolean()),
  existingData: keep(z.enum(['move-aside', 'delete'])),
  setListenAddresses: keep(z.boolean()),
  enableWalLogHints: keep(z.boolean()),
});

type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

function definedOnly<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Defined<T>;
}

/**
 * The options an add-replica runs with: the settings chosen when the cluster was set up
 * (as stored on the cluster), under the cluster's own name, with this request's stamp and
 * canary token. Values are checked again by the domain's validation before any plan exists.
 */
export function addReplicaOptions(settings: unknown, clusterName: string, now: Date, canaryToken: string): SetupOptions {
  const parsed = storedSettingsSchema.safeParse(settings ?? {});
  return { ...defaultSetupOptions(clusterName, now, canaryToken), ...(parsed.success ? definedOnly(parsed.data) : {}) };
}

/**
 * The rate limit typed on "Add a replica" over the cluster's stored one: cloning a new
 * replica loads the primary as the first clone did, so the form offers the wizard's limit;
 * left empty, the cluster's setting stands.
 */
export function withBaseBackupRate(options: SetupOptions, rateMb: number | null): SetupOptions {
  return rateMb === null ? options : { ...options, baseBackupMaxRateKb: maxRateKb(rateMb) };
}

const NOT_FOR_EXISTING = new Set(['replica-existing-data', 'disk']);

/**
 * The setup checklist reread for an add-replica: replicas already in the cluster are not
 * cloned again, so the lines about moving their data aside and room for a copy are
 * replaced by one line saying what happens to them (pg_hba lines for the new peer only),
 * with a warning if such a replica is not in recovery now. The role check goes too: the
 * cluster's role was taken at setup, and an add-replica only proves it is there, unchanged.
 */
export function addReplicaChecks(checks: readonly PreflightCheck[], snapshot: SetupSnapshot, newReplicaName: string): PreflightCheck[] {
  const existing = new Map(snapshot.replicas.filter((replica) => replica.name !== newReplicaName).map((replica) => [replica.name, replica]));
  const result: PreflightCheck[] = [];
  for (const item of checks) {
    if (item.id === REPLICATION_ROLE_CHECK) continue;
    const replica = item.host === null ? undefined : existing.get(item.host);
    if (!replica || !NOT_FOR_EXISTING.has(item.id)) {
      result.push(item);
      continue;
    }
    if (item.id !== 'replica-existing-data') continue;
    result.push(replica.facts?.cluster?.inRecovery
      ? check('existing-replica', replica.name, 'pass', 'Already a replica of this cluster: not cloned again; only its pg_hba gains lines for the new peer')
      : check('existing-replica', replica.name, 'warn', 'Recorded as a replica of this cluster but not in recovery now; it is not changed beyond pg_hba', 'Look at the cluster\'s topology before adding a replica.'));
  }
  return result;
}
