'use client';

import { useActionState } from 'react';
import { signIn } from '@/lib/actions/sign-in';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

export function SignInForm() {
  const [state, action, pending] = useActionState(signIn, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4 rounded-lg border border-line bg-panel p-6">
      <h1 className="text-base font-semibold">Sign in</h1>
      <FormMessage state={state} />
      <Field label="E-mail" name="email" errors={errors?.email}>
        <TextInput name="email" type="email" autoComplete="username" required invalid={!!errors?.email} />
      </Field>
      <Field label="Password" name="password" errors={errors?.password}>
        <TextInput name="password" type="password" autoComplete="current-password" required invalid={!!errors?.password} />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
