'use client';

import { TextInput, Field } from '@/components/ui/field';
import { startRejoin } from '@/lib/actions/start-rejoin';
import { OperationForm } from './operation-form';

/** Rejoin a fenced former primary as a standby of the current primary, with pg_rewind. */
export function RejoinForm({ clusterId, member, primary, fenceReason }: { clusterId: number; member: string; primary: string; fenceReason: string | null }) {
  return (
    <OperationForm action={startRejoin} submitLabel={`Rejoin ${member}`} pendingLabel="Starting…" testId={`rejoin-${member}`}>
      {(errors) => (
        <>
          <input type="hidden" name="clusterId" value={clusterId} />
          <input type="hidden" name="member" value={member} />
          <p className="text-sm text-muted">
            {member} is fenced{fenceReason ? ` (${fenceReason})` : ''}. Rejoin stops it, rewinds it to where it forked from {primary} with pg_rewind (this needs data
            checksums or wal_log_hints; Tandem checks first and says so when neither is on, then a rebuild from a base backup is the way), starts it only as a standby
            and clears the fence once it streams. Writes it made after the fork are discarded.
          </p>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="rebuild" className="mt-1" />
            <span>Rebuild from a base backup instead of pg_rewind (a full copy; the old data directory is moved aside, never deleted).</span>
          </label>
          <Field label="Reason (optional)" name="reason" errors={errors.reason}><TextInput name="reason" /></Field>
        </>
      )}
    </OperationForm>
  );
}
