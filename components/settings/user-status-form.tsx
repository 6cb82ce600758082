'use client';

import { useActionState } from 'react';
import { disableUser } from '@/lib/actions/disable-user';
import { enableUser } from '@/lib/actions/enable-user';
import { Button } from '@/components/ui/button';

/** Disables an enabled user (signing them out at once) or enables a disabled one. */
export function UserStatusForm({ userId, email, disabled }: { userId: string; email: string; disabled: boolean }) {
  const [state, action, pending] = useActionState(disabled ? enableUser : disableUser, null);
  return (
    <form action={action} className="flex items-center gap-2" onSubmit={(event) => {
      if (!disabled && !window.confirm(`Disable ${email}? Their sessions end now and they cannot sign in until enabled.`)) event.preventDefault();
    }}>
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" variant={disabled ? 'secondary' : 'ghost'} disabled={pending} className="px-2 py-1 text-xs">{disabled ? 'Enable' : 'Disable'}</Button>
      {state && !state.ok ? <span role="alert" className="text-xs text-danger">{state.message}</span> : null}
    </form>
  );
}
