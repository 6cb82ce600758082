'use client';

import { OperationForm } from '@/components/failover/operation-form';
import { Field, TextInput } from '@/components/ui/field';
import { startRestoreDrill } from '@/lib/actions/start-restore-drill';
import { RepositoryChoice } from './repository-choice';

/** Run a restore drill onto the drill host: the latest backup restored, the repository verified and the copy's pages checked, then the host put back as it was. */
export function RestoreDrillForm({ clusterId, drillHost, repositories }: { clusterId: number; drillHost: string | null; repositories: readonly number[] }) {
  if (!drillHost) return <p className="text-sm text-muted">Choose a drill host in the backup settings to run restore drills.</p>;
  return (
    <OperationForm action={startRestoreDrill} submitLabel="Run a restore drill" pendingLabel="Checking…" testId="restore-drill-form">
      {(errors) => (
        <>
          <input type="hidden" name="clusterId" value={clusterId} />
          <p className="text-sm text-muted">
            Restores the latest backup onto {drillHost}, verifies the repository and checks the restored copy&apos;s pages, records the restore time, then removes the copy and
            puts {drillHost}&apos;s own server back.
          </p>
          <RepositoryChoice id="drillRepository" errors={errors.repository} repositories={repositories} />
          <Field label="Reason" name="drillReason" errors={errors.reason}><TextInput name="reason" id="drillReason" placeholder="e.g. monthly restore drill" /></Field>
        </>
      )}
    </OperationForm>
  );
}
