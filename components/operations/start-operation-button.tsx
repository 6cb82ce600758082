'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/actions/action-result';

type StartAction = (previous: ActionResult<{ operationId: number }> | null, form: FormData) => Promise<ActionResult<{ operationId: number }>>;

/** A button that starts one operation on a cluster, then links to it (or says why it did not start). */
export function StartOperationButton({ clusterId, action, label, testId }: { clusterId: number; action: StartAction; label: string; testId: string }) {
  const [state, start, pending] = useActionState(action, null);
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid={testId}>
      <form action={start}>
        <input type="hidden" name="clusterId" value={clusterId} />
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? 'Starting…' : label}</Button>
      </form>
      {state?.ok ? (
        <Link className="text-sm text-accent underline" href={`/operations/${state.data.operationId}`}>Operation {state.data.operationId} started</Link>
      ) : (
        <FormMessage state={state} />
      )}
    </div>
  );
}
