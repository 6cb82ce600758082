'use client';

import { Field, Select, TextInput } from '@/components/ui/field';
import { startSwitchover } from '@/lib/actions/start-switchover';
import { OperationForm } from './operation-form';

/** Planned switchover to a chosen streaming replica, zero loss; the old primary becomes its standby. */
export function SwitchoverForm({ clusterId, clusterName, primary, replicas }: { clusterId: number; clusterName: string; primary: string; replicas: readonly string[] }) {
  return (
    <OperationForm action={startSwitchover} submitLabel="Switch over" pendingLabel="Checking…" testId="switchover-form">
      {(errors) => (
        <>
          <input type="hidden" name="clusterId" value={clusterId} />
          <p className="text-sm text-muted">
            {primary} stops cleanly once the chosen replica is caught up; the replica is promoted only after it has replayed {primary}&apos;s shutdown checkpoint,
            so no committed write is lost. Writes fail for the switch itself (a few seconds), then {primary} streams from the new primary.
          </p>
          <Field label="New primary" name="candidate" errors={errors.candidate}>
            <Select name="candidate">{replicas.map((name) => <option key={name} value={name}>{name}</option>)}</Select>
          </Field>
          <Field label="Reason (kept in the audit log)" name="reason" errors={errors.reason}><TextInput name="reason" placeholder="e.g. kernel update on the primary" /></Field>
          <Field label={`Type the cluster name, ${clusterName}, to confirm`} name="confirmName" errors={errors.confirmName}><TextInput name="confirmName" autoComplete="off" /></Field>
        </>
      )}
    </OperationForm>
  );
}
