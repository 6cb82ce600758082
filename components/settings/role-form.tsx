'use client';

import { useActionState } from 'react';
import { changeUserRole } from '@/lib/actions/change-user-role';
import { ROLES, type Role } from '@/lib/auth/roles';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

export function RoleForm({ userId, role, email }: { userId: string; role: Role; email: string }) {
  const [state, action, pending] = useActionState(changeUserRole, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select name="role" defaultValue={role} aria-label={`Role of ${email}`} className="rounded-md border border-line bg-canvas px-2 py-1 text-sm">
        {ROLES.map((option) => (
          <option key={option} value={option}>{option}</option>
        ))}
      </select>
      <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1 text-xs">Change</Button>
      <FormMessage state={state} />
    </form>
  );
}
