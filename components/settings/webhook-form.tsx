'use client';

import { useActionState } from 'react';
import { createWebhook } from '@/lib/actions/create-webhook';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';

/** Adds a webhook; the URL is sealed when saved and only its host is shown afterwards. */
export function WebhookForm() {
  const [state, action, pending] = useActionState(createWebhook, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={submitKeepingValues(action)} className="grid gap-3 md:grid-cols-2" key={state?.ok ? `done-${state.data.id}` : 'form'} data-testid="webhook-form">
      <div className="md:col-span-2"><FormMessage state={state} success="Webhook added. Send a test to check it." /></div>
      <Field label="Webhook" name="hookName" errors={errors?.hookName} hint="A name for this destination."><TextInput name="hookName" placeholder="on-call channel" invalid={!!errors?.hookName} /></Field>
      <Field label="URL" name="url" errors={errors?.url} hint="Stored encrypted; only the host is shown after saving. A private or loopback address needs the allow-list below.">
        <TextInput name="url" type="url" placeholder="https://hooks.slack.com/services/…" autoComplete="off" invalid={!!errors?.url} />
      </Field>
      <Field label="Format" name="format" errors={errors?.format}>
        <Select name="format" defaultValue="slack">
          <option value="slack">Slack-compatible ({'{'}text, blocks{'}'})</option>
          <option value="generic">Generic JSON ({'{'}event, severity, cluster, summary, …{'}'})</option>
        </Select>
      </Field>
      <Field label="Alerts from" name="minSeverity" errors={errors?.minSeverity} hint="Operation events (promote, switchover) go to every enabled webhook.">
        <Select name="minSeverity" defaultValue="warning">
          <option value="warning">warning and critical</option>
          <option value="critical">critical only</option>
        </Select>
      </Field>
      <div><Button type="submit" disabled={pending}>{pending ? 'Adding…' : 'Add webhook'}</Button></div>
    </form>
  );
}
