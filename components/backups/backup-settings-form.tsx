'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Select, TextArea, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';
import { saveBackupSettings } from '@/lib/actions/save-backup-settings';
import type { BackupSettingsView, HostChoice } from '@/lib/db/backups-read';
import { RepositoryFields, type RepositoryRow } from './repository-fields';

const COMPRESS = ['zst', 'lz4', 'gz', 'bz2', 'none'] as const;

function initialRows(settings: BackupSettingsView | null): RepositoryRow[] {
  const stored = settings?.repositories ?? [];
  return stored.length > 0 ? stored.map((repository) => ({ key: repository.number, number: repository.number, kind: repository.kind, stored: repository })) : [{ key: 1, number: 1, kind: 'host', stored: null }];
}

/**
 * Admin form for a cluster's backups: its repositories (up to four, at most one repository
 * host), compression, the schedule and restore drills. Secrets are never sent to the page: a
 * stored one shows as stored, and leaving its field empty keeps it.
 */
export function BackupSettingsForm({ clusterId, settings, hosts }: { clusterId: number; settings: BackupSettingsView | null; hosts: readonly HostChoice[] }) {
  const [state, dispatch, pending] = useActionState(saveBackupSettings, null);
  const [rows, setRows] = useState(initialRows(settings));
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  const enabled = Boolean(settings?.enabledAt);
  const storedOf = (number: number) => settings?.repositories.find((repository) => repository.number === number) ?? null;
  const freeNumber = [1, 2, 3, 4].find((number) => !rows.some((row) => row.number === number));
  const setKind = (key: number, kind: 'host' | 's3') => setRows((current) => current.map((row) => (row.key === key ? { ...row, kind } : row)));
  return (
    <form className="space-y-4" onSubmit={submitKeepingValues(dispatch)} data-testid="backup-settings-form">
      <input type="hidden" name="clusterId" value={clusterId} />
      <div className="space-y-3">
        {rows.map((row, index) => (
          <RepositoryFields key={row.key} row={row} index={index} hosts={hosts} errors={errors} canRemoveEncryption={!enabled}
            onKind={(kind) => setKind(row.key, kind)} onRemove={rows.length > 1 ? () => setRows((current) => current.filter((entry) => entry.key !== row.key)) : null} />
        ))}
        {errors.repositories?.map((error) => <p key={error} className="text-xs text-danger" role="alert">{error}</p>)}
        {freeNumber ? (
          <Button type="button" variant="ghost" onClick={() => setRows((current) => [...current, { key: Date.now(), number: freeNumber, kind: 's3', stored: storedOf(freeNumber) }])}>Add a repository</Button>
        ) : null}
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Compression" name="compressType" errors={errors.compressType}>
          <Select name="compressType" defaultValue={settings?.compressType ?? 'zst'}>{COMPRESS.map((type) => <option key={type} value={type}>{type}</option>)}</Select>
        </Field>
        <Field label="Parallel processes (1–16)" name="processMax" errors={errors.processMax}><TextInput name="processMax" inputMode="numeric" defaultValue={settings?.processMax ?? 2} /></Field>
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" name="backupStandby" defaultChecked={settings?.backupStandby ?? false} className="accent-accent" /> Back up from a standby (needs a repository host)
        </label>
      </div>
      {errors.backupStandby?.map((error) => <p key={error} className="text-xs text-danger" role="alert">{error}</p>)}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Schedule (hours between backups; 0 leaves that type out)</legend>
        <p className="text-xs text-muted">One Tandem instance starts the scheduled backups and drills; the smoke test runs in every drill, read-only, on the restored scratch copy.</p>
        <div className="grid gap-3 sm:grid-cols-4">
          <Field label="Full every" name="fullEveryHours" errors={errors.fullEveryHours}><TextInput name="fullEveryHours" inputMode="numeric" defaultValue={settings?.fullEveryHours ?? 168} /></Field>
          <Field label="Differential every" name="diffEveryHours" errors={errors.diffEveryHours}><TextInput name="diffEveryHours" inputMode="numeric" defaultValue={settings?.diffEveryHours ?? 24} /></Field>
          <Field label="Incremental every" name="incrEveryHours" errors={errors.incrEveryHours}><TextInput name="incrEveryHours" inputMode="numeric" defaultValue={settings?.incrEveryHours ?? 1} /></Field>
          <label className="flex items-center gap-2 self-end text-sm"><input type="checkbox" name="scheduleOn" defaultChecked={settings?.scheduleOn ?? true} className="accent-accent" /> Schedule on</label>
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Drill host" name="drillHostId" errors={errors.drillHostId} hint="Restore drills restore onto it: a host that is no member of any cluster.">
          <Select name="drillHostId" defaultValue={settings?.drillHostId ?? ''}>
            <option value="">none</option>
            {hosts.filter((host) => !host.memberOf).map((host) => <option key={host.id} value={host.id}>{host.name} ({host.address})</option>)}
          </Select>
        </Field>
        <Field label="Drill every (days, 0 = on demand)" name="drillEveryDays" errors={errors.drillEveryDays}><TextInput name="drillEveryDays" inputMode="numeric" defaultValue={settings?.drillEveryDays ?? 0} /></Field>
      </div>
      <Field label="Smoke-test SQL (read-only, for drills)" name="smokeTestSql" errors={errors.smokeTestSql}>
        <TextArea name="smokeTestSql" rows={2} defaultValue={settings?.smokeTestSql ?? ''} placeholder="SELECT count(*) FROM orders" />
      </Field>
      <FormMessage state={state} success="Backup settings saved." />
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? 'Saving…' : 'Save backup settings'}</Button>
    </form>
  );
}
