import 'server-only';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/current-user';
import { can, type Permission } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/db/audit';
import { clientAddress } from '@/lib/server/request-meta';
import { failure, type ActionFailure } from './action-result';

export type Authorized = { ok: true; user: CurrentUser; clientAddress: string | null };

/**
 * Every guarded server action starts here (through `defineAction`): actions are reachable by
 * direct POST, so the page hiding a button proves nothing. A refusal is audited with the attempted action.
 */
export async function authorize(permission: Permission, action: string): Promise<Authorized | ActionFailure> {
  const user = await getCurrentUser();
  const address = await clientAddress();
  if (!user) return failure('Your session has ended. Sign in again.');
  if (!can(user.role, permission)) {
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action,
      summary: `Refused ${action}: the ${user.role} role cannot do this`,
      outcome: 'denied',
      clientAddress: address,
    });
    return failure(`Your role (${user.role}) cannot do this. Ask an admin for the operator role.`);
  }
  return { ok: true, user, clientAddress: address };
}
