'use client';

import { importCluster } from '@/lib/actions/import-cluster';
import { previewImport } from '@/lib/actions/preview-import';
import type { ImportReport } from '@/lib/setup/import-prepare';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DefinitionList } from '@/components/ui/definition-list';
import { Field, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { Panel } from '@/components/ui/panel';
import { useCheckThenAct } from './use-check-then-act';
import type { WizardHost } from './wizard-host';

/**
 * Clusters → Import existing: name the set, choose its hosts, let Tandem read them; Import
 * is enabled only by a check that found one primary with streaming replicas, and is
 * checked again on the server. Nothing is changed on any host.
 */
export function ImportForm({ hosts }: { hosts: WizardHost[] }) {
  const { checked, checking, acted: imported, acting: importing, errors, report, stale, formProps } = useCheckThenAct(previewImport, importCluster, 'import');

  return (
    <form {...formProps} className="max-w-5xl space-y-6">
      <Panel title="1 · Cluster">
        <Field label="Cluster name" name="clusterName" errors={errors?.clusterName} hint="How Tandem will call this set; lower-case letters, digits, _ or -">
          <TextInput name="clusterName" placeholder="orders" invalid={!!errors?.clusterName} />
        </Field>
      </Panel>
      <Panel title="2 · Hosts of the set">
        {hosts.length ? (
          <fieldset className="space-y-2">
            <legend className="mb-2 text-sm text-muted">The primary and every replica streaming from it. Hosts must already be in the inventory with their host keys accepted.</legend>
            {hosts.map((host) => (
              <label key={host.id} className="flex items-center gap-3 rounded-md border border-line px-3 py-2 text-sm hover:bg-raised">
                <input type="checkbox" name="hostIds" value={host.id} className="accent-accent" aria-label={host.name} />
                <span className="w-32 font-medium">{host.name}</span>
                <span className="font-mono text-xs text-muted">{host.address}</span>
                <span className="text-xs text-muted">{host.summary}</span>
              </label>
            ))}
            {errors?.hostIds?.map((error) => <p key={error} className="text-xs text-danger" role="alert">{error}</p>)}
          </fieldset>
        ) : <p className="text-sm text-muted">No free host: add the set&apos;s hosts to the inventory first.</p>}
      </Panel>
      <Panel title="3 · Check">
        <div className="space-y-4">
          <p className="text-sm text-muted">Reads each host&apos;s replication state (pg_is_in_recovery, pg_stat_replication, pg_stat_wal_receiver). Nothing is changed on any host.</p>
          <FormMessage state={checked} />
          <Button type="submit" name="intent" value="check" variant="secondary" disabled={checking}>{checking ? 'Reading hosts…' : 'Check hosts'}</Button>
          {stale ? <p className="text-sm text-warn">The form changed since the last check: check again.</p> : null}
          {report ? <ImportFindings report={report} /> : null}
        </div>
      </Panel>
      {report?.canImport ? (
        <Panel title="4 · Import">
          <div className="space-y-3">
            <p className="text-sm text-muted">
              Tandem records the cluster as found. It does not know the replication role&apos;s password, so adding a replica to this cluster
              is refused until the password is given to Tandem; everything else (topology, lag, checks) works from the start.
            </p>
            <FormMessage state={imported} />
            <Button type="submit" name="intent" value="import" disabled={importing}>{importing ? 'Importing…' : 'Import cluster'}</Button>
          </div>
        </Panel>
      ) : null}
    </form>
  );
}

function ImportFindings({ report }: { report: ImportReport }) {
  if (!report.canImport) {
    return (
      <ul className="space-y-1 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="import-reasons">
        {report.reasons.map((reason) => <li key={reason}>{reason}</li>)}
      </ul>
    );
  }
  return (
    <div className="space-y-3" data-testid="import-findings">
      <DefinitionList rows={[
        ['PostgreSQL', String(report.pgMajor)],
        ['Replication role', report.replicationRole ?? '?'],
        ['Mode', report.mode === 'sync' ? 'synchronous' : 'asynchronous'],
        ['Slots', report.slots ? 'used' : 'not used'],
      ]} />
      <ul className="divide-y divide-line rounded-md border border-line">
        {report.members.map((member) => (
          <li key={member.hostId} className="flex items-center gap-3 px-3 py-2 text-sm">
            <Badge tone={member.role === 'primary' ? 'good' : 'neutral'}>{member.role}</Badge>
            <span className="w-32 font-medium">{member.name}</span>
            {member.role === 'replica' ? (
              <span className="font-mono text-xs text-muted">application_name {member.applicationName} · slot {member.slotName ?? 'none'} · {member.syncState}</span>
            ) : null}
          </li>
        ))}
      </ul>
      {report.notes.map((note) => <p key={note} className="text-sm text-warn">{note}</p>)}
    </div>
  );
}
