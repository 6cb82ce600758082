'use client';

import { useActionState } from 'react';
import { createUser } from '@/lib/actions/create-user';
import { ROLES, ROLE_DESCRIPTIONS } from '@/lib/auth/roles';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

export function NewUserForm() {
  const [state, action, pending] = useActionState(createUser, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-3 md:grid-cols-2" key={state?.ok ? 'done' : 'form'}>
      <div className="md:col-span-2"><FormMessage state={state} success="User added." /></div>
      <Field label="Name" name="name" errors={errors?.name}><TextInput name="name" invalid={!!errors?.name} /></Field>
      <Field label="E-mail" name="email" errors={errors?.email}><TextInput name="email" type="email" invalid={!!errors?.email} /></Field>
      <Field label="Initial password" name="password" errors={errors?.password} hint="At least 12 characters; share it safely.">
        <TextInput name="password" type="password" autoComplete="new-password" invalid={!!errors?.password} />
      </Field>
      <Field label="Role" name="role" errors={errors?.role}>
        <Select name="role" defaultValue="viewer">
          {ROLES.map((role) => (
            <option key={role} value={role}>{role}: {ROLE_DESCRIPTIONS[role]}</option>
          ))}
        </Select>
      </Field>
      <div><Button type="submit" disabled={pending}>{pending ? 'Adding…' : 'Add user'}</Button></div>
    </form>
  );
}
