'use client';

import { useActionState } from 'react';
import { setUserPassword } from '@/lib/actions/set-user-password';
import { Button } from '@/components/ui/button';

/** An admin sets a new password for another user; that user's sessions end. */
export function SetPasswordForm({ userId, email }: { userId: string; email: string }) {
  const [state, action, pending] = useActionState(setUserPassword, null);
  const error = state && !state.ok ? (state.fieldErrors?.password?.[0] ?? state.message) : null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-muted hover:text-ink">Set password…</summary>
      <form action={action} className="mt-2 flex flex-wrap items-center gap-2" key={state?.ok ? 'done' : 'form'}>
        <input type="hidden" name="userId" value={userId} />
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          aria-label={`New password for ${email}`}
          placeholder="At least 12 characters"
          className="rounded-md border border-line bg-canvas px-2 py-1 text-xs"
        />
        <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1 text-xs">Set</Button>
        {error ? <span role="alert" className="text-danger">{error}</span> : null}
        {state?.ok ? <span role="status" className="text-accent">Password set; their sessions ended.</span> : null}
      </form>
    </details>
  );
}
