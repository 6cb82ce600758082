'use client';

import { useActionState } from 'react';
import { changeWebhook } from '@/lib/actions/change-webhook';
import { testWebhook } from '@/lib/actions/test-webhook';
import { Button } from '@/components/ui/button';

/** Per-webhook buttons: send a test (result shown inline), pause or resume, delete. */
export function WebhookActions({ id, name, enabled }: { id: number; name: string; enabled: boolean }) {
  const [tested, test, testing] = useActionState(testWebhook, null);
  const [changed, change, changing] = useActionState(changeWebhook, null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={test}>
        <input type="hidden" name="id" value={id} />
        <Button type="submit" variant="secondary" disabled={testing} className="px-2 py-1 text-xs">{testing ? 'Sending…' : 'Send test'}</Button>
      </form>
      <form action={change} className="flex gap-2" onSubmit={(event) => {
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        if (submitter?.value === 'delete' && !window.confirm(`Delete webhook ${name} and its delivery log?`)) event.preventDefault();
      }}>
        <input type="hidden" name="id" value={id} />
        <Button type="submit" name="change" value={enabled ? 'disable' : 'enable'} variant="ghost" disabled={changing} className="px-2 py-1 text-xs">{enabled ? 'Pause' : 'Resume'}</Button>
        <Button type="submit" name="change" value="delete" variant="danger" disabled={changing} className="px-2 py-1 text-xs">Delete</Button>
      </form>
      {tested ? <span role="status" className={`text-xs ${tested.ok ? 'text-accent' : 'text-danger'}`}>{tested.ok ? tested.data : tested.message}</span> : null}
      {changed && !changed.ok ? <span role="alert" className="text-xs text-danger">{changed.message}</span> : null}
    </div>
  );
}
