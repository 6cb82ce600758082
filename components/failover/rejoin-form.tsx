'use client';

import { TextInput, Field } from '@/components/ui/field';
import { startRejoin } from '@/lib/actions/start-rejoin';
import { OperationForm } from './operation-form';

/** Rejoin a fenced former primary as a standby of the current primary, with pg_rewind, a rebuild, or (`backupsEnabled`) the latest backup. */
export function RejoinForm({ clusterId, member, primary, fenceReason, backupsEnabled }: { clusterId: number; member: string; primary: string; fenceReason: string | null; backupsEnabled: boolean }) {
  return (
    <OperationForm action={startRejoin} submitLabel={`Rejoin ${member}`} pendingLabel="Starting…" testId={`rejoin-${member}`}>
      {(errors) => (
        <>
          <input type="hidden" name="clusterId" value={clusterId} />
          <input type="hidden" name="member" value={member} />
          <p className="text-sm text-muted">
            {member} is fenced{fenceReason ? ` (${fenceReason})` : ''}. Rejoin stops it, rewinds it to where it forked from {primary} with pg_rewind (this needs data
            checksums or wal_log_hints; Tandem checks first and says so when neither is on, then a rebuild from a base backup is the way), starts it only as a standby
            and clears the fence once it streams. Writes it made after the fork leave its data directory; Tandem first keeps a copy of its WAL since the fork beside
            it, and refuses when there is no room for that copy.
          </p>
          <fieldset className="flex flex-col gap-1 text-sm">
            <label className="flex items-start gap-2">
              <input type="radio" name="method" value="auto" defaultChecked className="mt-1" />
              <span>Tandem’s choice: pg_rewind, or a rebuild when {member} accepts writes of its own now.</span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name="method" value="rewind" className="mt-1" />
              <span>pg_rewind, even when it accepts writes of its own (they are then kept only in the WAL copy).</span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name="method" value="rebuild" className="mt-1" />
              <span>Rebuild from a base backup instead of pg_rewind (a full copy; the old data directory is moved aside, never deleted).</span>
            </label>
            {backupsEnabled ? (
              <label className="flex items-start gap-2">
                <input type="radio" name="method" value="backup" className="mt-1" />
                <span>From the latest backup (pgbackrest restore --delta --type=standby): the repository serves the files that differ, not {primary}; its WAL since the fork is kept first, as for pg_rewind.</span>
              </label>
            ) : null}
          </fieldset>
          <Field label="Reason (optional)" name="reason" errors={errors.reason}><TextInput name="reason" /></Field>
        </>
      )}
    </OperationForm>
  );
}
