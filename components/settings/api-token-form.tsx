'use client';

import { useActionState } from 'react';
import { createApiToken } from '@/lib/actions/create-api-token';
import { TOKEN_DAYS } from '@/lib/auth/api-token-schema';
import { ROLES, type Role } from '@/lib/auth/roles';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

/** Creates an API token of the signed-in user's, with a role up to theirs; the new token is shown once, here, with a curl line. */
export function ApiTokenForm({ role, apiUrl }: { role: Role; apiUrl: string }) {
  const [state, action, pending] = useActionState(createApiToken, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const allowed = ROLES.slice(0, ROLES.indexOf(role) + 1);
  return (
    <div className="space-y-3 text-sm">
      {state?.ok ? (
        <div className="space-y-2 rounded-md border border-accent/40 bg-accent/5 p-3" data-testid="api-token-created">
          <p className="font-medium">Copy the token {state.data.name} now: Tandem stores only its hash and cannot show it again.</p>
          <pre className="overflow-x-auto font-mono text-xs" data-testid="api-token-value">{state.data.token}</pre>
          <pre className="overflow-x-auto font-mono text-xs text-muted">{`curl -H 'Authorization: Bearer ${state.data.token}' ${apiUrl}/clusters`}</pre>
        </div>
      ) : null}
      <form action={action} className="grid gap-3 md:grid-cols-4" key={state?.ok ? state.data.token : 'form'}>
        <Field label="Name" name="name" errors={errors?.name} hint="What uses it, e.g. deploy-bot">
          <TextInput name="name" required maxLength={80} invalid={!!errors?.name} />
        </Field>
        <Field label="Role" name="role" errors={errors?.role} hint="At most your own">
          <Select name="role" defaultValue="viewer" invalid={!!errors?.role}>
            {allowed.map((option) => <option key={option} value={option}>{option}</option>)}
          </Select>
        </Field>
        <Field label="Expires in (days)" name="days" errors={errors?.days} hint={`${TOKEN_DAYS.min} to ${TOKEN_DAYS.max}`}>
          <TextInput name="days" type="number" min={TOKEN_DAYS.min} max={TOKEN_DAYS.max} defaultValue="90" required invalid={!!errors?.days} />
        </Field>
        <div className="self-end"><Button type="submit" disabled={pending}>{pending ? 'Creating…' : 'Create token'}</Button></div>
        {state && !state.ok ? <div className="md:col-span-4"><FormMessage state={state} /></div> : null}
      </form>
    </div>
  );
}
