'use client';

import { useActionState } from 'react';
import { acknowledgeAlert } from '@/lib/actions/acknowledge-alert';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';

/** Acknowledge one open alert with a short comment (operators and admins). */
export function AcknowledgeForm({ eventId }: { eventId: number }) {
  const [state, action, pending] = useActionState(acknowledgeAlert, null);
  const error = state && !state.ok ? (state.fieldErrors?.comment?.[0] ?? null) : null;
  return (
    <form onSubmit={submitKeepingValues(action)} className="mt-2 flex flex-wrap items-start gap-2" data-testid="acknowledge-form">
      <input type="hidden" name="eventId" value={eventId} />
      <div className="min-w-56 flex-1">
        <input
          name="comment"
          aria-label="Acknowledgement comment"
          placeholder="What are you doing about it?"
          maxLength={500}
          aria-invalid={error ? true : undefined}
          className="w-full rounded-md border border-line bg-canvas px-2 py-1 text-sm aria-invalid:border-danger"
        />
        {error ? <p className="mt-1 text-xs text-danger" role="alert">{error}</p> : null}
      </div>
      <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1 text-xs">{pending ? 'Saving…' : 'Acknowledge'}</Button>
      {state && !state.ok && !state.fieldErrors ? <FormMessage state={state} /> : null}
    </form>
  );
}
