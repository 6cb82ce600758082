'use client';

import { useState } from 'react';
import { Field, Select, TextInput } from '@/components/ui/field';

const TARGETS = {
  latest: { label: 'the latest archived WAL', placeholder: '' },
  time: { label: 'a time', placeholder: '2026-12-03T18:01:02Z' },
  lsn: { label: 'an LSN', placeholder: '0/3000060' },
  name: { label: 'a restore point', placeholder: 'before_migration' },
  backup: { label: 'the end of a backup', placeholder: '20261203-175835F' },
} as const;
type TargetKind = keyof typeof TARGETS;

/** Where a restore stops: the kind of target and its value (none for the latest WAL), as restoreTargetOf reads them; `idPrefix` keeps two such forms on one page apart. */
export function RestoreTargetFields({ idPrefix, errors, latest }: { idPrefix: string; errors: Record<string, string[] | undefined>; latest: string | null }) {
  const [kind, setKind] = useState<TargetKind>('time');
  const ids = { kind: `${idPrefix}TargetKind`, value: `${idPrefix}TargetValue` };
  return (
    <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
      <Field label="Stop at" name={ids.kind} errors={errors.targetKind}>
        <Select name="targetKind" id={ids.kind} value={kind} onChange={(event) => setKind(event.target.value as TargetKind)}>
          {Object.entries(TARGETS).map(([value, target]) => <option key={value} value={value}>{target.label}</option>)}
        </Select>
      </Field>
      <Field label="Target" name={ids.value} errors={errors.targetValue} hint={kind === 'time' ? `ISO 8601 with its offset; UTC ends in Z.${latest ? ` The newest backup ends at ${latest}.` : ''}` : undefined}>
        <TextInput name="targetValue" id={ids.value} aria-describedby={errors.targetValue ? `${ids.value}-error` : undefined} disabled={kind === 'latest'} placeholder={TARGETS[kind].placeholder} autoComplete="off" invalid={!!errors.targetValue} />
      </Field>
    </div>
  );
}
