'use client';

import { OperationForm } from '@/components/failover/operation-form';
import { Field, Select, TextInput } from '@/components/ui/field';
import { startRestore } from '@/lib/actions/start-restore';
import { RepositoryChoice } from './repository-choice';
import { RestoreTargetFields } from './restore-target-fields';

/** Restore…: a backup and its WAL onto a host that is no member, up to a target; the host's name typed to confirm. */
export function RestoreForm({ clusterId, hosts, repositories, latest }: { clusterId: number; hosts: readonly { id: number; name: string }[]; repositories: readonly number[]; latest: string | null }) {
  if (hosts.length === 0) return <p className="text-sm text-muted">No host to restore onto: add a host that is no member of any cluster to the inventory (and run Test connection on it) first.</p>;
  return (
    <OperationForm action={startRestore} submitLabel="Restore" pendingLabel="Checking…" testId="restore-form">
      {(errors) => (
        <>
          <input type="hidden" name="clusterId" value={clusterId} />
          <p className="text-sm text-muted">
            The chosen host&apos;s PostgreSQL is stopped and its data directory moved aside (kept, never deleted); the backup is restored there and WAL replayed up to the target.
            Restore onto a spare host to recover a dropped table, then copy the rows back. The cluster itself is not touched.
          </p>
          <Field label="Restore onto" name="restoreHostId" errors={errors.hostId}>
            <Select name="hostId" id="restoreHostId">{hosts.map((host) => <option key={host.id} value={host.id}>{host.name}</option>)}</Select>
          </Field>
          <RestoreTargetFields idPrefix="restore" errors={errors} latest={latest} />
          <Field label="At the target" name="action" errors={errors.action}>
            <Select name="action" defaultValue="pause">
              <option value="pause">pause, read-only (look and copy rows out)</option>
              <option value="promote">promote, writable</option>
            </Select>
          </Field>
          <RepositoryChoice id="restoreRepository" errors={errors.repository} repositories={repositories} />
          <Field label="Reason (kept in the audit log)" name="restoreReason" errors={errors.reason}><TextInput name="reason" id="restoreReason" placeholder="e.g. orders table dropped at 14:02" /></Field>
          <Field label="Type the host's name to confirm" name="restoreConfirm" errors={errors.confirm}><TextInput name="confirm" id="restoreConfirm" autoComplete="off" /></Field>
        </>
      )}
    </OperationForm>
  );
}
