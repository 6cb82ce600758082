'use client';

import { useActionState } from 'react';
import { deleteHost } from '@/lib/actions/delete-host';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

export function DeleteHostButton({ id, name }: { id: number; name: string }) {
  const [state, action, pending] = useActionState(deleteHost, null);
  return (
    <form
      action={action}
      className="space-y-3"
      onSubmit={(event) => {
        if (!window.confirm(`Delete host ${name} from Tandem? The server itself is not touched.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <FormMessage state={state} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? 'Deleting…' : 'Delete host'}
      </Button>
    </form>
  );
}
