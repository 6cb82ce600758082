'use client';

import { useActionState } from 'react';
import { revokeApiToken } from '@/lib/actions/revoke-api-token';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';

/** Revokes one API token after a confirmation; it stops working at once. */
export function ApiTokenRevoke({ tokenId, name }: { tokenId: number; name: string }) {
  const [state, action, pending] = useActionState(revokeApiToken, null);
  return (
    <form action={action} className="flex items-center gap-2" onSubmit={(event) => {
      if (!window.confirm(`Revoke the token ${name}? Whatever uses it is refused from now on.`)) event.preventDefault();
    }}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="danger" disabled={pending} className="px-2 py-1 text-xs">Revoke</Button>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
