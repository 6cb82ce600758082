import { z } from 'zod';
import type { MemberStatus } from '@/lib/members/status';
import { decodeRows, pgText, sql, type SqlRow } from '@/lib/pg/sql';
import type { ExistingRole, PrimaryProbe } from '@/lib/replication/setup-types';

/** The attributes of the role named by the psql variable `role_name`: no row when no role has that name. */
export const ROLE_ATTRIBUTES_SQL = sql`SELECT rolsuper AS superuser, rolreplication AS replication, rolcanlogin AS can_login FROM pg_roles WHERE rolname = :'role_name'`;

const roleRow = z.object({ superuser: pgText.bool, replication: pgText.bool, can_login: pgText.bool });

/** The rows of {@link ROLE_ATTRIBUTES_SQL} as the role they describe; null for no row. */
export function existingRoleOf(rows: readonly SqlRow[]): ExistingRole | null {
  const [row] = decodeRows(rows, roleRow, 'The replication role query');
  return row ? { superuser: row.superuser, replication: row.replication, canLogin: row.can_login } : null;
}

/**
 * What preflight checks on the primary, from its member status and the replication role as
 * read: replication headroom, who streams, slots, risky settings, the role's attributes. Pure.
 */
export function primaryProbeOf(status: MemberStatus, replicationRole: ExistingRole | null): PrimaryProbe {
  return {
    maxWalSenders: status.settings.maxWalSenders,
    maxReplicationSlots: status.settings.maxReplicationSlots,
    walSenderNames: status.walSenders.map((sender) => sender.applicationName),
    slotNames: status.slots.map((slot) => slot.slotName),
    fsync: status.settings.fsync,
    fullPageWrites: status.settings.fullPageWrites,
    synchronousCommit: status.settings.synchronousCommit,
    replicationRole,
  };
}
