'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextArea } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';
import { updateWebhookAllowList } from '@/lib/actions/update-webhook-allow-list';

/** Admin form for the networks and host names webhooks may reach although they are private. */
export function WebhookAllowListForm({ entries }: { entries: readonly string[] }) {
  const [state, dispatch, pending] = useActionState(updateWebhookAllowList, null);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return (
    <form className="space-y-3" onSubmit={submitKeepingValues(dispatch)} data-testid="webhook-allow-list-form">
      <Field label="Private networks and hosts" name="entries" errors={errors.entries}
        hint="One a line: a network (10.20.0.0/16), an address (10.20.3.4) or a host name (chat.corp.example, reached whatever it resolves to). Without an entry, Tandem sends no webhook to loopback, link-local (cloud metadata), private, CGNAT, multicast or reserved addresses.">
        <TextArea name="entries" rows={4} defaultValue={entries.join('\n')} />
      </Field>
      <FormMessage state={state} success="Allow-list saved." />
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? 'Saving…' : 'Save allow-list'}</Button>
    </form>
  );
}
