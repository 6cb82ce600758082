'use client';

import { OperationForm } from '@/components/failover/operation-form';
import { Field, TextInput } from '@/components/ui/field';
import { startReplaceCluster } from '@/lib/actions/start-replace-cluster';
import { RepositoryChoice } from './repository-choice';
import { RestoreTargetFields } from './restore-target-fields';

/** Replace the whole cluster from a backup: the primary restored in place and promoted at the target, every replica rebuilt from it; two names typed to confirm. */
export function ReplaceClusterForm({ clusterId, clusterName, primary, replicas, repositories, latest }: { clusterId: number; clusterName: string; primary: string; replicas: readonly string[]; repositories: readonly number[]; latest: string | null }) {
  return (
    <OperationForm action={startReplaceCluster} submitLabel={`Replace ${clusterName}`} pendingLabel="Checking…" testId="replace-cluster-form">
      {(errors) => (
        <>
          <input type="hidden" name="clusterId" value={clusterId} />
          <p className="text-sm text-muted">
            Every member is stopped{replicas.length > 0 ? ` (${replicas.join(', ')}, then ${primary})` : ''}. {primary}&apos;s data directory is moved aside (kept, never deleted), the backup is restored
            there, WAL replayed up to the target and {primary} promoted; then {replicas.length > 0 ? `${replicas.join(', ')} ${replicas.length === 1 ? 'is' : 'are'} rebuilt from it, each old data directory moved aside too` : 'no replica needs rebuilding'}.
            Writes after the target leave the cluster; they remain only in the moved-aside directories. To recover a dropped table, a side restore onto a spare host is usually enough.
          </p>
          <RestoreTargetFields idPrefix="replace" errors={errors} latest={latest} />
          <RepositoryChoice id="replaceRepository" errors={errors.repository} repositories={repositories} />
          <Field label="Reason (kept in the audit log)" name="replaceReason" errors={errors.reason}><TextInput name="reason" id="replaceReason" placeholder="e.g. bad migration at 14:02" /></Field>
          <Field label={`Type ${primary} to confirm`} name="replaceConfirmHost" errors={errors.confirmHost}><TextInput name="confirmHost" id="replaceConfirmHost" autoComplete="off" /></Field>
          <Field label={`Type ${clusterName} to confirm again`} name="replaceConfirmCluster" errors={errors.confirmCluster}><TextInput name="confirmCluster" id="replaceConfirmCluster" autoComplete="off" /></Field>
        </>
      )}
    </OperationForm>
  );
}
