'use client';

import { OperationForm } from '@/components/failover/operation-form';
import { Field, Select } from '@/components/ui/field';
import { startBackup } from '@/lib/actions/start-backup';

/** Back up now, into a chosen repository; the operation page follows the copy's progress. */
export function BackupNowForm({ clusterId, repositories }: { clusterId: number; repositories: readonly number[] }) {
  return (
    <OperationForm action={startBackup} submitLabel="Back up now" pendingLabel="Starting…" testId="backup-now-form">
      {(errors) => (
        <>
          <input type="hidden" name="clusterId" value={clusterId} />
          <Field label="Backup type" name="type" errors={errors.type} hint="A differential copies what changed since the last full backup, an incremental since the last backup of any type.">
            <Select name="type" defaultValue="incr">
              <option value="full">full</option>
              <option value="diff">differential</option>
              <option value="incr">incremental</option>
            </Select>
          </Field>
          <Field label="Into repository" name="repository" errors={errors.repository}>
            <Select name="repository">{repositories.map((number) => <option key={number} value={number}>repo{number}</option>)}</Select>
          </Field>
        </>
      )}
    </OperationForm>
  );
}
