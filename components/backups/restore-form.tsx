'use client';

import { useState } from 'react';
import { OperationForm } from '@/components/failover/operation-form';
import { Field, Select, TextInput } from '@/components/ui/field';
import { startRestore } from '@/lib/actions/start-restore';
import { RepositoryChoice } from './repository-choice';

const TARGETS = {
  latest: { label: 'the latest archived WAL', placeholder: '' },
  time: { label: 'a time', placeholder: '2026-12-03T18:01:02Z' },
  lsn: { label: 'an LSN', placeholder: '0/3000060' },
  name: { label: 'a restore point', placeholder: 'before_migration' },
  backup: { label: 'the end of a backup', placeholder: '20261203-175835F' },
} as const;
type TargetKind = keyof typeof TARGETS;

/** Restore…: a backup and its WAL onto a host that is no member, up to a target; the host's name typed to confirm. */
export function RestoreForm({ clusterId, hosts, repositories, latest }: { clusterId: number; hosts: readonly { id: number; name: string }[]; repositories: readonly number[]; latest: string | null }) {
  const [kind, setKind] = useState<TargetKind>('time');
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
          <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
            <Field label="Stop at" name="targetKind" errors={errors.targetKind}>
              <Select name="targetKind" value={kind} onChange={(event) => setKind(event.target.value as TargetKind)}>
                {Object.entries(TARGETS).map(([value, target]) => <option key={value} value={value}>{target.label}</option>)}
              </Select>
            </Field>
            <Field label="Target" name="targetValue" errors={errors.targetValue} hint={kind === 'time' ? `ISO 8601 with its offset; UTC ends in Z.${latest ? ` The newest backup ends at ${latest}.` : ''}` : undefined}>
              <TextInput name="targetValue" disabled={kind === 'latest'} placeholder={TARGETS[kind].placeholder} autoComplete="off" invalid={!!errors.targetValue} />
            </Field>
          </div>
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
