import { check, type PreflightCheck } from './preflight-types';
import type { SetupOptions, SetupSnapshot } from './setup-types';

/** The id of the role check: the wizard offers "Reuse the existing role" while it does not pass. */
export const REPLICATION_ROLE_CHECK = 'replication-role';

const CONFIRM_HINT = 'Change the replication role name, or tick "Reuse the existing role" and run preflight again.';

/**
 * Whether setup may take `roleName` as the replication role. A new role, or one that already
 * has REPLICATION without superuser, passes (its password is set either way). A superuser, or
 * a role without REPLICATION, would have its password changed and be used for replication:
 * that fails unless `reuseExistingRole` confirms it, and then still warns. Nothing is said
 * of a primary without a discovered cluster or a probe: other checks already fail for that.
 */
export function roleChecks(snapshot: SetupSnapshot, options: SetupOptions): PreflightCheck[] {
  const { name, probe, facts } = snapshot.primary;
  if (!probe || !facts?.cluster) return [];
  const role = options.roleName;
  const found = probe.replicationRole;
  const say = (status: 'pass' | 'warn' | 'fail', message: string, hint = '') => [check(REPLICATION_ROLE_CHECK, name, status, message, hint)];
  if (!found) return say('pass', `Role ${role} does not exist yet: the plan creates it with LOGIN and REPLICATION and a generated password`);
  const risk = found.superuser ? 'is a superuser' : !found.replication ? 'exists without REPLICATION' : null;
  if (risk === null) {
    return say('pass', `Role ${role} exists with REPLICATION: the plan sets a new generated password${found.canLogin ? '' : ' and LOGIN'}, so anything else that signs in as ${role} needs it`);
  }
  const change = found.superuser ? 'change its password' : 'give it REPLICATION and LOGIN, change its password';
  const subject = found.superuser ? `Role ${role} exists and ${risk}` : `Role ${role} ${risk}`;
  return options.reuseExistingRole
    ? say('warn', `${subject}; reused as confirmed: the plan will ${change} and replicas connect as it`, `Anything else that signs in as ${role} needs the new password; a dedicated role is safer.`)
    : say('fail', `${subject}: Tandem would ${change} and use it for replication; choose another name, or confirm reuse`, CONFIRM_HINT);
}
