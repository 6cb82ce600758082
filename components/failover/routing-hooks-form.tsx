'use client';

import { useActionState, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextArea } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';
import { updateRoutingHooks } from '@/lib/actions/update-routing-hooks';

/**
 * Admin form for the cluster's routing hooks (JSON), run after every promote and switchover,
 * and their secrets: the names set are listed as set, each can be cleared; new values are
 * typed as NAME=value lines, emptied once saved and never shown again.
 */
export function RoutingHooksForm({ clusterId, hooksJson, secretNames }: { clusterId: number; hooksJson: string; secretNames: readonly string[] }) {
  const [state, dispatch, pending] = useActionState(updateRoutingHooks, null);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  const typedSecrets = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state?.ok && typedSecrets.current) typedSecrets.current.value = '';
  }, [state]);
  return (
    <form className="space-y-3" onSubmit={submitKeepingValues(dispatch)} data-testid="routing-hooks-form">
      <input type="hidden" name="clusterId" value={clusterId} />
      <Field label="Routing hooks" name="hooks" errors={errors.hooks}
        hint={'A JSON list: [{ "hostId": 3, "command": "ip addr add 10.0.0.100/24 dev eth0", "timeoutMs": 30000 }]. Each runs as root with sh -c on its host after a promote or switchover; its output goes to the operation log (shown to admins only) and its time counts in the RTO.'}>
        <TextArea name="hooks" rows={6} defaultValue={hooksJson} />
      </Field>
      <fieldset className="space-y-1.5" data-testid="hook-secrets">
        <legend className="text-sm font-medium text-ink">Hook secrets</legend>
        {secretNames.length === 0 ? <p className="text-xs text-muted">No hook secret is set.</p> : (
          <ul className="space-y-1 text-sm">
            {secretNames.map((name) => (
              <li key={name} className="flex items-center gap-3">
                <span className="font-mono text-xs">{name}</span>
                <span className="text-xs text-muted">set</span>
                <label className="flex items-center gap-1 text-xs"><input type="checkbox" name="clearSecrets" value={name} className="accent-accent" /> Clear</label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <Field label="Set hook secrets" name="secrets" errors={errors.secrets}
        hint="NAME=value, one per line, to add or replace. Stored encrypted; every hook gets them in its environment ($NAME), never in its command line, and they are redacted from the operation log. Leave empty to keep the ones set.">
        <TextArea ref={typedSecrets} name="secrets" rows={3} autoComplete="off" spellCheck={false} placeholder="DNS_API_TOKEN=…" />
      </Field>
      <FormMessage state={state} success="Routing hooks saved." />
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? 'Saving…' : 'Save hooks'}</Button>
    </form>
  );
}
