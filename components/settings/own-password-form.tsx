'use client';

import { useActionState } from 'react';
import { changeOwnPassword } from '@/lib/actions/change-own-password';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

/** The signed-in user changes their password; their sessions elsewhere end. */
export function OwnPasswordForm() {
  const [state, action, pending] = useActionState(changeOwnPassword, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-3 md:grid-cols-3" key={state?.ok ? 'done' : 'form'}>
      <div className="md:col-span-3"><FormMessage state={state} success="Password changed. Your other sessions have ended." /></div>
      <Field label="Current password" name="currentPassword" errors={errors?.currentPassword}>
        <TextInput name="currentPassword" type="password" autoComplete="current-password" invalid={!!errors?.currentPassword} />
      </Field>
      <Field label="New password" name="newPassword" errors={errors?.newPassword} hint="At least 12 characters.">
        <TextInput name="newPassword" type="password" autoComplete="new-password" invalid={!!errors?.newPassword} />
      </Field>
      <Field label="New password again" name="confirm" errors={errors?.confirm}>
        <TextInput name="confirm" type="password" autoComplete="new-password" invalid={!!errors?.confirm} />
      </Field>
      <div><Button type="submit" disabled={pending}>{pending ? 'Changing…' : 'Change password'}</Button></div>
    </form>
  );
}
