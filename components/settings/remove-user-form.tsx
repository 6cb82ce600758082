'use client';

import { useActionState } from 'react';
import { removeUser } from '@/lib/actions/remove-user';
import { Button } from '@/components/ui/button';

/** Removes a disabled user once the admin has typed their e-mail; audit records keep it as text. */
export function RemoveUserForm({ userId, email }: { userId: string; email: string }) {
  const [state, action, pending] = useActionState(removeUser, null);
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-danger">Remove…</summary>
      <form action={action} className="mt-2 flex flex-wrap items-center gap-2">
        <input type="hidden" name="userId" value={userId} />
        <input
          name="confirm"
          autoComplete="off"
          placeholder={email}
          aria-label={`Type ${email} to confirm removing the account`}
          className="rounded-md border border-line bg-canvas px-2 py-1 text-xs"
        />
        <Button type="submit" variant="danger" disabled={pending} className="px-2 py-1 text-xs">{pending ? 'Removing…' : 'Remove for good'}</Button>
        {state && !state.ok ? <span role="alert" className="text-danger">{state.message}</span> : null}
      </form>
    </details>
  );
}
