'use client';

import { Field, Select, TextArea, TextInput } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/actions/action-result';
import type { HostChoice, RepositoryView } from '@/lib/db/backups-read';

const S3_FIELDS = ['s3Endpoint', 's3Port', 's3Bucket', 's3Region', 's3UriStyle', 's3VerifyTls', 's3CaCertificate', 's3Key', 's3Secret'] as const;

export interface RepositoryRow {
  readonly key: number;
  readonly number: number;
  readonly kind: 'host' | 's3';
  /** What is stored for this repository number, when it is of this kind. */
  readonly stored: RepositoryView | null;
}

/**
 * One repository of the settings form. Every repository posts every field once, in order (a
 * repository host posts its S3 fields empty, S3 its host empty), so the server reads the n-th
 * value of each field as the n-th repository's; ids carry the index.
 */
export function RepositoryFields({ row, index, hosts, errors, canRemoveEncryption, onKind, onRemove }: {
  row: RepositoryRow; index: number; hosts: readonly HostChoice[]; errors: FieldErrors; canRemoveEncryption: boolean;
  onKind: (kind: 'host' | 's3') => void; onRemove: (() => void) | null;
}) {
  const id = (field: string) => `${field}-${index}`;
  const error = (field: string) => errors[`${field}.${index}`];
  const stored = row.stored;
  const storedNote = (present: boolean | undefined) => (present ? 'stored (leave empty to keep it)' : undefined);
  return (
    <fieldset className="space-y-3 rounded-md border border-line p-3" data-testid={`repository-${row.number}`}>
      <legend className="px-1 text-sm font-medium">repo{row.number}</legend>
      <input type="hidden" name="repoNumber" value={row.number} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Kind" name={id('repoKind')} errors={error('repoKind')}>
          <Select name="repoKind" id={id('repoKind')} value={row.kind} onChange={(event) => onKind(event.target.value === 's3' ? 's3' : 'host')}>
            <option value="host">repository host (backups run there)</option>
            <option value="s3">S3 object storage</option>
          </Select>
        </Field>
        {row.kind === 'host' ? (
          <Field label="Repository host" name={id('repoHostId')} errors={error('repoHostId')} hint="A host of the inventory that is no member of this cluster.">
            <Select name="repoHostId" id={id('repoHostId')} defaultValue={stored?.hostId ?? ''}>
              <option value="">choose a host</option>
              {hosts.filter((host) => !host.inThisCluster).map((host) => <option key={host.id} value={host.id}>{host.name} ({host.address})</option>)}
            </Select>
          </Field>
        ) : <input type="hidden" name="repoHostId" value="" />}
        <Field label={row.kind === 'host' ? 'Directory on the repository host' : 'Path in the bucket'} name={id('repoPath')} errors={error('repoPath')}>
          <TextInput name="repoPath" id={id('repoPath')} defaultValue={stored?.path ?? (row.kind === 'host' ? '/var/lib/pgbackrest' : '/')} />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Keep full backups" name={id('retentionFull')} errors={error('retentionFull')}>
            <TextInput name="retentionFull" id={id('retentionFull')} inputMode="numeric" defaultValue={stored?.retentionFull ?? 2} />
          </Field>
          <Field label="Counted as" name={id('retentionType')} errors={error('retentionType')}>
            <Select name="retentionType" id={id('retentionType')} defaultValue={stored?.retentionFullType ?? 'count'}>
              <option value="count">backups (1–100)</option>
              <option value="time">days</option>
            </Select>
          </Field>
        </div>
      </div>
      {row.kind === 's3' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Endpoint host name" name={id('s3Endpoint')} errors={error('s3Endpoint')}><TextInput name="s3Endpoint" id={id('s3Endpoint')} defaultValue={stored?.s3?.endpoint} placeholder="s3.eu-west-1.amazonaws.com" /></Field>
          <Field label="Port" name={id('s3Port')} errors={error('s3Port')}><TextInput name="s3Port" id={id('s3Port')} inputMode="numeric" defaultValue={stored?.s3?.port ?? 443} /></Field>
          <Field label="Bucket" name={id('s3Bucket')} errors={error('s3Bucket')}><TextInput name="s3Bucket" id={id('s3Bucket')} defaultValue={stored?.s3?.bucket} /></Field>
          <Field label="Region" name={id('s3Region')} errors={error('s3Region')}><TextInput name="s3Region" id={id('s3Region')} defaultValue={stored?.s3?.region ?? 'us-east-1'} /></Field>
          <Field label="Addresses" name={id('s3UriStyle')} errors={error('s3UriStyle')}>
            <Select name="s3UriStyle" id={id('s3UriStyle')} defaultValue={stored?.s3?.pathStyle === false ? 'host' : 'path'}>
              <option value="path">path-style (endpoint/bucket)</option>
              <option value="host">host-style (bucket.endpoint)</option>
            </Select>
          </Field>
          <Field label="Verify the endpoint's certificate" name={id('s3VerifyTls')} errors={error('s3VerifyTls')}>
            <Select name="s3VerifyTls" id={id('s3VerifyTls')} defaultValue={stored?.s3?.verifyTls === false ? 'off' : 'on'}>
              <option value="on">verify (recommended)</option>
              <option value="off">do not verify</option>
            </Select>
          </Field>
          <Field label="Access key" name={id('s3Key')} errors={error('s3Key')} hint={storedNote(stored?.stored.s3Key)}><TextInput name="s3Key" id={id('s3Key')} autoComplete="off" spellCheck={false} /></Field>
          <Field label="Secret key" name={id('s3Secret')} errors={error('s3Secret')} hint={storedNote(stored?.stored.s3Secret)}><TextInput name="s3Secret" id={id('s3Secret')} type="password" autoComplete="new-password" /></Field>
          <div className="sm:col-span-2">
            <Field label="CA certificate (PEM, optional)" name={id('s3CaCertificate')} errors={error('s3CaCertificate')} hint="Empty: the hosts' system CAs.">
              <TextArea name="s3CaCertificate" id={id('s3CaCertificate')} rows={3} defaultValue={stored?.s3?.caCertificate ?? ''} spellCheck={false} />
            </Field>
          </div>
        </div>
      ) : S3_FIELDS.map((field) => <input key={field} type="hidden" name={field} value="" />)}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Encryption passphrase (optional, 20 characters or more)" name={id('cipherPass')} errors={error('cipherPass')} hint={stored?.stored.cipherPass ? 'stored: the repository is encrypted (leave empty to keep it)' : 'Empty: the repository is not encrypted.'}>
          <TextInput name="cipherPass" id={id('cipherPass')} type="password" autoComplete="new-password" />
        </Field>
        {stored?.stored.cipherPass && canRemoveEncryption ? (
          <Field label="Encryption" name={id('removeEncryption')} errors={error('removeEncryption')}>
            <Select name="removeEncryption" id={id('removeEncryption')} defaultValue="no">
              <option value="no">keep it</option>
              <option value="yes">remove encryption</option>
            </Select>
          </Field>
        ) : <input type="hidden" name="removeEncryption" value="no" />}
      </div>
      {onRemove ? <button type="button" className="text-xs text-danger hover:underline" onClick={onRemove}>Remove repo{row.number}</button> : null}
    </fieldset>
  );
}
