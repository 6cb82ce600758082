'use client';

import { Field, Select, TextInput } from '@/components/ui/field';
import { startDrill } from '@/lib/actions/start-drill';
import { OperationForm } from './operation-form';

/** Start a failover drill: switchover to a replica and back while a client counts its commits. */
export function DrillForm({ clusterId, clusterName, primary, replicas }: { clusterId: number; clusterName: string; primary: string; replicas: readonly string[] }) {
  return (
    <OperationForm action={startDrill} submitLabel="Run the drill" pendingLabel="Checking…" testId="drill-form">
      {(errors) => (
        <>
          <input type="hidden" name="clusterId" value={clusterId} />
          <p className="text-sm text-muted">
            Tandem switches over from {primary} to the chosen replica and back, each with zero loss, while its own client commits one row at a time to tandem.drill.
            The report gives each leg&apos;s RTO and write gap, and how many committed transactions were lost (it should be none). Writes fail for a few seconds twice.
          </p>
          <Field label="Switch over to" name="candidate" errors={errors.candidate}>
            <Select name="candidate">{replicas.map((name) => <option key={name} value={name}>{name}</option>)}</Select>
          </Field>
          <Field label="Reason" name="reason" errors={errors.reason}><TextInput name="reason" placeholder="e.g. quarterly failover drill" /></Field>
          <Field label={`Type the cluster name, ${clusterName}, to confirm`} name="confirmName" errors={errors.confirmName}><TextInput name="confirmName" autoComplete="off" /></Field>
        </>
      )}
    </OperationForm>
  );
}
