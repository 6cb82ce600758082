'use client';

import { preflightAddReplica } from '@/lib/actions/preflight-add-replica';
import { startAddReplica } from '@/lib/actions/start-add-replica';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { PreflightList } from './preflight-list';
import { useCheckThenAct } from './use-check-then-act';
import { RunbookView } from './runbook-view';
import type { WizardHost } from './wizard-host';

/**
 * The cluster page's "Add a replica": pick a free host, see preflight and the exact plan
 * (with the cluster's own settings), then Run, which the server checks again first.
 */
export function AddReplicaForm({ clusterId, hosts }: { clusterId: number; hosts: WizardHost[] }) {
  const { checked: preflight, checking, acted: started, acting: starting, errors, report, stale, formProps } = useCheckThenAct(preflightAddReplica, startAddReplica, 'run');

  if (!hosts.length) return <p className="text-sm text-muted">No free host: add a host to the inventory (and accept its host key) first.</p>;
  return (
    <form {...formProps} className="space-y-4">
      <input type="hidden" name="clusterId" value={clusterId} />
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm text-muted">The new replica is cloned from the primary with the cluster&apos;s settings and replication role; its current data is handled as the cluster was set up to.</legend>
        {hosts.map((host) => (
          <label key={host.id} className="flex items-center gap-3 rounded-md border border-line px-3 py-2 text-sm hover:bg-raised">
            <input type="radio" name="hostId" value={host.id} className="accent-accent" aria-label={host.name} />
            <span className="w-32 font-medium">{host.name}</span>
            <span className="font-mono text-xs text-muted">{host.address}</span>
            <span className="text-xs text-muted">{host.summary}</span>
          </label>
        ))}
        {errors?.hostId?.map((error) => <p key={error} className="text-xs text-danger" role="alert">{error}</p>)}
      </fieldset>
      <Field label="Base backup rate limit (MiB/s)" name="baseBackupMaxRateMb" errors={errors?.baseBackupMaxRateMb} hint="Empty keeps the cluster's setting; a limit spares the primary's disk and network while cloning">
        <TextInput name="baseBackupMaxRateMb" inputMode="numeric" placeholder="cluster's setting" invalid={!!errors?.baseBackupMaxRateMb} />
      </Field>
      <FormMessage state={preflight} />
      <Button type="submit" name="intent" value="preflight" variant="secondary" disabled={checking}>{checking ? 'Checking hosts…' : 'Run preflight'}</Button>
      {stale ? <p className="text-sm text-warn">The choice changed since the last preflight: run it again.</p> : null}
      {report ? (
        <div className="space-y-4">
          <PreflightList checks={report.checks} />
          <RunbookView steps={report.runbook} notes={report.notes} text={report.runbookText} />
          <p className="text-sm text-muted">
            {report.canRun ? `Preflight and plan are redone from the hosts when you press Run; the operation page then shows each step live.` : 'Fix the failed checks and run preflight again.'}
          </p>
          <FormMessage state={started} />
          <Button type="submit" name="intent" value="run" disabled={!report.canRun || starting}>{starting ? 'Starting…' : `Add ${report.newReplicaName}`}</Button>
        </div>
      ) : null}
    </form>
  );
}
