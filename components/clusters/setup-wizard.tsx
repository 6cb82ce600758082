'use client';

import { useState } from 'react';
import { preflightSetup } from '@/lib/actions/preflight-setup';
import { startSetup } from '@/lib/actions/start-setup';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { Panel } from '@/components/ui/panel';
import { REPLICATION_ROLE_CHECK } from '@/lib/replication/preflight-role';
import { PreflightList } from './preflight-list';
import { useCheckThenAct } from './use-check-then-act';
import { RunbookView } from './runbook-view';
import { ReuseExistingRoleCheck, SetupOptionsFields } from './setup-options-fields';
import type { WizardHost } from './wizard-host';

/**
 * Clusters → New: name, primary, replicas, options; preflight and the exact plan come
 * from the server, and Run is enabled only by a passing preflight of the form as it is.
 * "Reuse the existing role" appears once the last preflight refused (or warned about) the
 * replication role, and stays while the form is edited so ticking it can be checked again.
 */
export function SetupWizard({ hosts }: { hosts: WizardHost[] }) {
  const { checked: preflight, checking, acted: started, acting: starting, errors, report, stale, formProps } = useCheckThenAct(preflightSetup, startSetup, 'run');
  const [primaryId, setPrimaryId] = useState<number | null>(null);

  return (
    <form {...formProps} className="max-w-5xl space-y-6">
      <Panel title="1 · Cluster">
        <Field label="Cluster name" name="clusterName" errors={errors?.clusterName} hint="Lower-case letters, digits, _ or -; marks Tandem's pg_hba lines">
          <TextInput name="clusterName" placeholder="orders" invalid={!!errors?.clusterName} />
        </Field>
      </Panel>
      <Panel title="2 · Primary">
        <HostChoice hosts={hosts} type="radio" name="primaryId" legend="Primary" onPick={setPrimaryId} errors={errors?.primaryId} />
      </Panel>
      <Panel title="3 · Replicas">
        <HostChoice hosts={hosts.filter((host) => host.id !== primaryId)} type="checkbox" name="replicaIds" legend="Replicas" errors={errors?.replicaIds} />
      </Panel>
      <Panel title="4 · Options">
        <SetupOptionsFields errors={errors} />
      </Panel>
      <Panel title="5 · Preflight">
        <div className="space-y-4">
          <p className="text-sm text-muted">Reads every host fresh and checks it can be done safely. Nothing is changed on any host.</p>
          <FormMessage state={preflight} />
          <Button type="submit" name="intent" value="preflight" variant="secondary" disabled={checking}>
            {checking ? 'Checking hosts…' : 'Run preflight'}
          </Button>
          {stale ? <p className="text-sm text-warn">The form changed since the last preflight: run it again.</p> : null}
          {report ? <PreflightList checks={report.checks} /> : null}
          {preflight?.ok && preflight.data.checks.some((item) => item.id === REPLICATION_ROLE_CHECK && item.status !== 'pass') ? <ReuseExistingRoleCheck /> : null}
        </div>
      </Panel>
      {report ? (
        <Panel title="6 · Plan">
          <RunbookView steps={report.runbook} notes={report.notes} text={report.runbookText} />
        </Panel>
      ) : null}
      {report ? (
        <Panel title="7 · Run">
          <div className="space-y-3">
            <p className="text-sm text-muted">
              {report.canRun ? 'Preflight and plan are redone from the hosts when you press Run; the operation page then shows each step live.' : 'Fix the failed checks and run preflight again.'}
            </p>
            <FormMessage state={started} />
            <Button type="submit" name="intent" value="run" disabled={!report.canRun || starting}>
              {starting ? 'Starting…' : 'Run setup'}
            </Button>
          </div>
        </Panel>
      ) : null}
    </form>
  );
}

function HostChoice({ hosts, type, name, legend, onPick, errors }: { hosts: WizardHost[]; type: 'radio' | 'checkbox'; name: string; legend: string; onPick?: (id: number) => void; errors?: string[] }) {
  if (!hosts.length) return <p className="text-sm text-muted">No free host: add hosts first, or remove them from other clusters.</p>;
  return (
    <fieldset className="space-y-2">
      <legend className="sr-only">{legend}</legend>
      {hosts.map((host) => (
        <label key={host.id} className="flex items-center gap-3 rounded-md border border-line px-3 py-2 text-sm hover:bg-raised">
          <input type={type} name={name} value={host.id} onChange={() => onPick?.(host.id)} className="accent-accent" aria-label={host.name} />
          <span className="w-32 font-medium">{host.name}</span>
          <span className="font-mono text-xs text-muted">{host.address}</span>
          <span className="text-xs text-muted">{host.summary}</span>
        </label>
      ))}
      {errors?.map((error) => (
        <p key={error} className="text-xs text-danger" role="alert">{error}</p>
      ))}
    </fieldset>
  );
}
