'use client';

import { useActionState, useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { cancelOperation } from '@/lib/actions/cancel-operation';
import { resumeOperation } from '@/lib/actions/resume-operation';
import type { OperationStatus } from '@/lib/replication/engine/types';

/** Resume and Cancel for operators; `onChanged` restarts the live view after either. */
export function OperationControls({ id, status, onChanged }: { id: number; status: OperationStatus; onChanged: () => void }) {
  const [resumeState, resume, resuming] = useActionState(resumeOperation, null);
  const [cancelState, cancel, cancelling] = useActionState(cancelOperation, null);
  useEffect(() => {
    if (resumeState?.ok || cancelState?.ok) onChanged();
  }, [resumeState, cancelState, onChanged]);
  const canResume = status === 'interrupted' || status === 'failed';
  const canCancel = status === 'running' || status === 'pending' || status === 'interrupted';
  if (!canResume && !canCancel) return null;
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="operation-controls">
      {canResume ? (
        <form action={resume}>
          <input type="hidden" name="id" value={id} />
          <Button type="submit" disabled={resuming}>{resuming ? 'Resuming…' : 'Resume'}</Button>
        </form>
      ) : null}
      {canCancel ? (
        <form action={cancel} onSubmit={(event) => { if (!window.confirm(`Cancel operation ${id}? A command in progress is stopped.`)) event.preventDefault(); }}>
          <input type="hidden" name="id" value={id} />
          <Button type="submit" variant="danger" disabled={cancelling}>{cancelling ? 'Cancelling…' : 'Cancel'}</Button>
        </form>
      ) : null}
      <FormMessage state={resumeState?.ok ? null : resumeState} />
      <FormMessage state={cancelState?.ok ? null : cancelState} />
    </div>
  );
}
