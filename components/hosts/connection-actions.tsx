'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import { acceptHostKey } from '@/lib/actions/accept-host-key';
import { checkHost } from '@/lib/actions/check-host';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

interface Props {
  hostId: number;
  hostName: string;
  /** A key the host presents that is not pinned (first contact or a changed key); `hadPinned` when a key was ever pinned for it (it was moved since). */
  presented: { fingerprint: string; keyType: string | null; replacesPinned: boolean; hadPinned: boolean } | null;
  autoCheck: boolean;
}

export function ConnectionActions({ hostId, hostName, presented, autoCheck }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const [checkState, check, checking] = useActionState(checkHost, null);
  const [acceptState, accept, accepting] = useActionState(acceptHostKey, null);
  const checkForm = useRef<HTMLFormElement>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!autoCheck || started.current) return;
    started.current = true;
    checkForm.current?.requestSubmit();
    router.replace(pathname, { scroll: false });
  }, [autoCheck, pathname, router]);

  const acceptErrors = acceptState && !acceptState.ok ? acceptState.fieldErrors : undefined;
  return (
    <div className="space-y-4">
      <form ref={checkForm} action={check} className="flex items-center gap-3">
        <input type="hidden" name="id" value={hostId} />
        <Button type="submit" variant="secondary" disabled={checking}>
          {checking ? 'Testing connection…' : 'Test connection'}
        </Button>
        <FormMessage state={checkState} />
      </form>
      {presented ? (
        <form action={accept} className="space-y-3 rounded-md border border-line bg-raised p-4">
          <input type="hidden" name="id" value={hostId} />
          <input type="hidden" name="fingerprint" value={presented.fingerprint} />
          <p className="text-sm">
            {presented.replacesPinned ? 'Replace the pinned key with' : 'Accept'} <code className="font-mono text-xs">{presented.keyType} {presented.fingerprint}</code>?
          </p>
          <p className="text-xs text-muted">
            Compare it on the host first: <code className="font-mono">ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>. Tandem never accepts a host key by itself.
          </p>
          {presented.replacesPinned || presented.hadPinned ? (
            <Field label={`Type ${hostName} to ${presented.replacesPinned ? 'replace the pinned key' : 'accept a new key: this host had another one pinned'}`} name="confirm" errors={acceptErrors?.confirm}>
              <TextInput name="confirm" autoComplete="off" invalid={!!acceptErrors?.confirm} />
            </Field>
          ) : null}
          <FormMessage state={acceptState} />
          <Button type="submit" variant={presented.replacesPinned ? 'danger' : 'primary'} disabled={accepting}>
            {accepting ? 'Checking the key again…' : presented.replacesPinned ? 'Replace pinned key' : 'Accept host key'}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
