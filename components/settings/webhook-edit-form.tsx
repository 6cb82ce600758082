'use client';

import { useActionState } from 'react';
import { updateWebhook } from '@/lib/actions/update-webhook';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';

const control = 'w-full rounded-md border border-line bg-canvas px-2 py-1 text-sm aria-invalid:border-danger';

interface Props {
  id: number;
  name: string;
  host: string;
  format: 'slack' | 'generic';
  minSeverity: 'warning' | 'critical';
}

/** Edits a webhook in place; the URL field starts empty (the stored one is never sent back) and empty keeps it. */
export function WebhookEditForm({ id, name, host, format, minSeverity }: Props) {
  const [state, action, pending] = useActionState(updateWebhook, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const error = (field: string) => errors?.[field]?.map((message) => <p key={message} className="text-xs text-danger" role="alert">{message}</p>);
  return (
    <form onSubmit={submitKeepingValues(action)} className="mt-2 grid gap-2 md:grid-cols-2" data-testid="webhook-edit-form">
      <input type="hidden" name="id" value={id} />
      <label className="space-y-1 text-xs text-muted">
        Webhook
        <input name="hookName" defaultValue={name} aria-invalid={errors?.hookName ? true : undefined} className={control} />
        {error('hookName')}
      </label>
      <label className="space-y-1 text-xs text-muted">
        New URL (empty keeps the one on {host})
        <input name="url" type="url" autoComplete="off" aria-invalid={errors?.url ? true : undefined} className={control} />
        {error('url')}
      </label>
      <label className="space-y-1 text-xs text-muted">
        Format
        <select name="format" defaultValue={format} className={control}>
          <option value="slack">Slack-compatible</option>
          <option value="generic">Generic JSON</option>
        </select>
      </label>
      <label className="space-y-1 text-xs text-muted">
        Alerts from
        <select name="minSeverity" defaultValue={minSeverity} className={control}>
          <option value="warning">warning and critical</option>
          <option value="critical">critical only</option>
        </select>
      </label>
      <div className="flex items-center gap-3 md:col-span-2">
        <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1 text-xs">{pending ? 'Saving…' : 'Save webhook'}</Button>
        <FormMessage state={state} success="Saved." />
      </div>
    </form>
  );
}
