'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextArea } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';
import { updateRoutingHooks } from '@/lib/actions/update-routing-hooks';

/** Admin form for the cluster's routing hooks (JSON), run after every promote and switchover. */
export function RoutingHooksForm({ clusterId, hooksJson }: { clusterId: number; hooksJson: string }) {
  const [state, dispatch, pending] = useActionState(updateRoutingHooks, null);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return (
    <form className="space-y-3" onSubmit={submitKeepingValues(dispatch)} data-testid="routing-hooks-form">
      <input type="hidden" name="clusterId" value={clusterId} />
      <Field label="Routing hooks" name="hooks" errors={errors.hooks}
        hint={'A JSON list: [{ "hostId": 3, "command": "ip addr add 10.0.0.100/24 dev eth0", "timeoutMs": 30000 }]. Each runs as root with sh -c on its host after a promote or switchover; its output goes to the operation log and its time counts in the RTO.'}>
        <TextArea name="hooks" rows={6} defaultValue={hooksJson} />
      </Field>
      <FormMessage state={state} success="Routing hooks saved." />
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? 'Saving…' : 'Save hooks'}</Button>
    </form>
  );
}
