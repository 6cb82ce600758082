'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';
import type { ActionResult } from '@/lib/actions/action-result';

type StartAction = (previous: ActionResult<{ operationId: number }> | null, form: FormData) => Promise<ActionResult<{ operationId: number }>>;

/** A form that starts an operation and then follows it on its page; a refusal keeps what was typed. */
export function OperationForm({ action, submitLabel, pendingLabel, children, testId }: { action: StartAction; submitLabel: string; pendingLabel: string; children: (errors: Record<string, string[] | undefined>) => ReactNode; testId?: string }) {
  const router = useRouter();
  const [state, dispatch, pending] = useActionState(action, null);
  useEffect(() => {
    if (state?.ok) router.push(`/operations/${state.data.operationId}`);
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return (
    <form className="space-y-3" onSubmit={submitKeepingValues(dispatch)} data-testid={testId}>
      {children(errors)}
      <FormMessage state={state} />
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? pendingLabel : submitLabel}</Button>
    </form>
  );
}
