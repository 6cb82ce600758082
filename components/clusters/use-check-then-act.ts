'use client';

import { useActionState, useState } from 'react';
import type { ActionResult } from '@/lib/actions/action-result';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';

type FormAction<T> = (previous: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

/**
 * The wizard forms' shape: one button checks the hosts (changing nothing), another acts,
 * and the check's report counts only for the form exactly as it was checked. The acting
 * button submits `intent=<actIntent>`; any other submit runs the check.
 */
export function useCheckThenAct<C, A>(check: FormAction<C>, act: FormAction<A>, actIntent: string) {
  const [checked, checkAction, checking] = useActionState(check, null);
  const [acted, actAction, acting] = useActionState(act, null);
  const [edited, setEdited] = useState(false);
  return {
    checked,
    checking,
    acted,
    acting,
    errors: checked && !checked.ok ? checked.fieldErrors : undefined,
    report: checked?.ok && !edited ? checked.data : null,
    stale: edited && !!checked?.ok,
    formProps: {
      noValidate: true,
      onChange: () => setEdited(true),
      onSubmit: submitKeepingValues((data) => {
        setEdited(false);
        if (data.get('intent') === actIntent) actAction(data);
        else checkAction(data);
      }),
    },
  };
}
