import { Badge } from '@/components/ui/badge';
import { RemoveUserForm } from './remove-user-form';
import { SetPasswordForm } from './set-password-form';
import { UserStatusForm } from './user-status-form';

/**
 * A user's access controls in the users table: disable or enable, set a password, and remove
 * (offered once disabled). Your own row has none: another admin does these to you.
 */
export function UserAccess({ userId, email, disabled, isYou }: { userId: string; email: string; disabled: boolean; isYou: boolean }) {
  if (isYou) return <Badge>you</Badge>;
  return (
    <div className="flex flex-wrap items-start gap-3">
      {disabled ? <Badge tone="bad">disabled</Badge> : null}
      <UserStatusForm userId={userId} email={email} disabled={disabled} />
      <SetPasswordForm userId={userId} email={email} />
      {disabled ? <RemoveUserForm userId={userId} email={email} /> : null}
    </div>
  );
}
