'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { startEnableMonitoring } from '@/lib/actions/start-enable-monitoring';

/** Starts the enable-monitoring operation for a cluster without a monitoring role; links to the operation once started. */
export function EnableMonitoringButton({ clusterId }: { clusterId: number }) {
  const [state, enable, pending] = useActionState(startEnableMonitoring, null);
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="enable-monitoring">
      <form action={enable}>
        <input type="hidden" name="clusterId" value={clusterId} />
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? 'Starting…' : 'Enable monitoring'}</Button>
      </form>
      {state?.ok ? (
        <Link className="text-sm text-accent underline" href={`/operations/${state.data.operationId}`}>Operation {state.data.operationId} started</Link>
      ) : (
        <FormMessage state={state} />
      )}
    </div>
  );
}
