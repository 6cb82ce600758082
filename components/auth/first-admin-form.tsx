'use client';

import { useActionState } from 'react';
import { createFirstAdminAccount } from '@/lib/actions/create-first-admin';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

export function FirstAdminForm() {
  const [state, action, pending] = useActionState(createFirstAdminAccount, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4 rounded-lg border border-line bg-panel p-6">
      <div>
        <h1 className="text-base font-semibold">Create the admin account</h1>
        <p className="mt-1 text-sm text-muted">Tandem has no users yet. The first account is the admin; there is no default password.</p>
      </div>
      <FormMessage state={state} />
      <Field label="Setup token" name="setupToken" errors={errors?.setupToken} hint="Printed in Tandem's log at start-up, and in setup-token in its data directory.">
        <TextInput name="setupToken" autoComplete="off" required invalid={!!errors?.setupToken} />
      </Field>
      <Field label="Name" name="name" errors={errors?.name}>
        <TextInput name="name" autoComplete="name" required invalid={!!errors?.name} />
      </Field>
      <Field label="E-mail" name="email" errors={errors?.email}>
        <TextInput name="email" type="email" autoComplete="username" required invalid={!!errors?.email} />
      </Field>
      <Field label="Password" name="password" errors={errors?.password} hint="At least 12 characters.">
        <TextInput name="password" type="password" autoComplete="new-password" required invalid={!!errors?.password} />
      </Field>
      <Field label="Password again" name="confirm" errors={errors?.confirm}>
        <TextInput name="confirm" type="password" autoComplete="new-password" required invalid={!!errors?.confirm} />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? 'Creating…' : 'Create admin and sign in'}
      </Button>
    </form>
  );
}
