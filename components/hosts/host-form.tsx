'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';
import { createHost } from '@/lib/actions/create-host';
import { updateHost } from '@/lib/actions/update-host';
import type { ActionResult } from '@/lib/actions/action-result';
import { Button } from '@/components/ui/button';
import { Field, Select, TextArea, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';
import { KeyUpload } from './key-upload';

export interface HostFormValues {
  id: number;
  name: string;
  sshAddress: string;
  sshPort: number;
  sshUser: string;
  authMethod: 'key' | 'password';
  pgPort: number;
  pgVia: 'direct' | 'ssh_tunnel';
  labels: string[];
  notes: string;
}

type Result = ActionResult<{ id: number }>;

/** Add or edit a host. Stored secrets are never sent here; empty secret fields keep them. */
export function HostForm({ host }: { host?: HostFormValues }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<Result | null, FormData>(host ? updateHost : createHost, null);
  const [method, setMethod] = useState<'key' | 'password'>(host?.authMethod ?? 'key');
  const [key, setKey] = useState('');
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const keepHint = host ? 'Leave empty to keep the stored secret.' : undefined;

  useEffect(() => {
    if (state?.ok) router.push(`/hosts/${state.data.id}?check=1`);
  }, [state, router]);

  return (
    <form onSubmit={submitKeepingValues(action)} className="max-w-2xl space-y-5" noValidate>
      {host ? <input type="hidden" name="id" value={host.id} /> : null}
      <FormMessage state={state} success={host ? 'Saved.' : undefined} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" errors={errors?.name} hint="Unique; letters, digits, . _ -">
          <TextInput name="name" defaultValue={host?.name} placeholder="db-1" invalid={!!errors?.name} />
        </Field>
        <Field label="PostgreSQL port" name="pgPort" errors={errors?.pgPort}>
          <TextInput name="pgPort" defaultValue={host?.pgPort ?? 5432} inputMode="numeric" invalid={!!errors?.pgPort} />
        </Field>
        <Field label="PostgreSQL connection" name="pgVia" errors={errors?.pgVia} hint="For monitoring; use the tunnel when the port is firewalled">
          <Select name="pgVia" defaultValue={host?.pgVia ?? 'direct'}>
            <option value="direct">Direct TCP to the PostgreSQL port</option>
            <option value="ssh_tunnel">Through an SSH tunnel</option>
          </Select>
        </Field>
        <Field label="SSH address" name="sshAddress" errors={errors?.sshAddress} hint="Host name or IP address">
          <TextInput name="sshAddress" defaultValue={host?.sshAddress} placeholder="10.0.0.11" invalid={!!errors?.sshAddress} />
        </Field>
        <Field label="SSH port" name="sshPort" errors={errors?.sshPort}>
          <TextInput name="sshPort" defaultValue={host?.sshPort ?? 22} inputMode="numeric" invalid={!!errors?.sshPort} />
        </Field>
        <Field label="SSH user" name="sshUser" errors={errors?.sshUser} hint="root, or a user with passwordless sudo">
          <TextInput name="sshUser" defaultValue={host?.sshUser ?? 'root'} invalid={!!errors?.sshUser} />
        </Field>
        <Field label="Authentication" name="authMethod" errors={errors?.authMethod}>
          <Select name="authMethod" value={method} onChange={(event) => setMethod(event.target.value === 'password' ? 'password' : 'key')}>
            <option value="key">Private key</option>
            <option value="password">Password</option>
          </Select>
        </Field>
      </div>
      {method === 'key' ? (
        <div className="space-y-4">
          <Field label="Private key" name="privateKey" errors={errors?.privateKey} hint={keepHint ?? 'Paste the key or upload the file.'}>
            <TextArea name="privateKey" rows={6} value={key} onChange={(event) => setKey(event.target.value)} placeholder="-----BEGIN OPENSSH PRIVATE KEY-----" autoComplete="off" spellCheck={false} invalid={!!errors?.privateKey} />
          </Field>
          <KeyUpload onLoad={setKey} />
          <Field label="Key passphrase (optional)" name="passphrase" errors={errors?.passphrase}>
            <TextInput name="passphrase" type="password" autoComplete="off" invalid={!!errors?.passphrase} />
          </Field>
        </div>
      ) : (
        <Field label="SSH password" name="password" errors={errors?.password} hint={keepHint}>
          <TextInput name="password" type="password" autoComplete="off" invalid={!!errors?.password} />
        </Field>
      )}
      <Field label="Labels" name="labels" errors={errors?.labels} hint="Comma-separated, e.g. prod, eu-west">
        <TextInput name="labels" defaultValue={host?.labels.join(', ')} invalid={!!errors?.labels} />
      </Field>
      <Field label="Notes" name="notes" errors={errors?.notes}>
        <TextArea name="notes" rows={3} defaultValue={host?.notes} invalid={!!errors?.notes} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : host ? 'Save changes' : 'Add host'}
      </Button>
    </form>
  );
}
