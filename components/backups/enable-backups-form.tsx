'use client';

import { OperationForm } from '@/components/failover/operation-form';
import { startEnableBackups } from '@/lib/actions/start-enable-backups';

/** Enable backups: archiving on every member into the repositories, the stanza, a first full backup. */
export function EnableBackupsForm({ clusterId }: { clusterId: number }) {
  return (
    <OperationForm action={startEnableBackups} submitLabel="Enable backups" pendingLabel="Checking the members…" testId="enable-backups-form">
      {() => (
        <>
          <input type="hidden" name="clusterId" value={clusterId} />
          <p className="text-sm text-muted">
            Tandem installs the stanza&apos;s configuration on every member and the repository host, sets archive_command on every member so whichever is primary archives,
            creates the stanza, checks archiving and takes a first full backup into each repository. It reads archive_mode on every member first: where it is off, turning it on takes a restart.
          </p>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="allowRestart" className="mt-1 accent-accent" />
            <span>Allow the restart archive_mode needs (standbys first, the primary last)</span>
          </label>
        </>
      )}
    </OperationForm>
  );
}
