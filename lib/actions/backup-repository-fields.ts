import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { repositoryPathProblem } from '@/lib/backup/repository-path';
import type { S3Location } from '@/lib/backup/types';
import { decimalIdField, isTypedLine } from '@/lib/format/typed-text';
import { repositoryField } from './backup-form-fields';

/**
 * The fields of one repository. The settings form posts each once per repository, in the same
 * order (a repository host's row posts its S3 fields empty), so the n-th value of each belongs
 * to the n-th repository.
 */
export const REPOSITORY_FIELDS = [
  'repoNumber', 'repoKind', 'repoHostId', 'repoPath', 's3Endpoint', 's3Port', 's3Bucket', 's3Region', 's3UriStyle', 's3VerifyTls',
  's3CaCertificate', 's3Key', 's3Secret', 'cipherPass', 'removeEncryption', 'retentionFull', 'retentionType',
] as const;
export type RepositoryField = (typeof REPOSITORY_FIELDS)[number];

/** One repository as the form gives it; a secret left empty (null) keeps the stored one. */
export interface RepositoryForm {
  readonly number: number;
  readonly kind: 'host' | 's3';
  readonly hostId: number | null;
  readonly path: string;
  readonly s3: S3Location | null;
  readonly s3Key: string | null;
  readonly s3Secret: string | null;
  readonly cipherPass: string | null;
  readonly removeEncryption: boolean;
  readonly retentionFull: number;
  readonly retentionFullType: 'count' | 'time';
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const PEM_BLOCK = /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----$/;

const onlyS3 = z.string().trim().max(0, 'Only an S3 repository has this: leave it empty');

/** A secret as one line of printable text without surrounding spaces (pgBackRest reads it from a config line); empty keeps the stored one. */
const secretField = (what: string, minimum = 1) => z
  .string()
  .max(1024, `Keep the ${what} under 1024 characters`)
  .refine(isTypedLine, `The ${what} is one line of printable text`)
  .refine((value) => value.trim() === value, `The ${what} cannot start or end with a space`)
  .refine((value) => value === '' || value.length >= minimum, `Use a ${what} of at least ${minimum} characters`)
  .transform((value) => (value === '' ? null : value));

function isCertificate(pem: string): boolean {
  if (!PEM_BLOCK.test(pem)) return false;
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

const caField = z
  .string()
  .max(65_536, 'Keep the CA certificate under 64 kB')
  .transform((value) => value.replace(/\r\n/g, '\n').trim())
  .refine((value) => value === '' || isCertificate(value), 'Paste the CA certificate as PEM (-----BEGIN CERTIFICATE----- …), or leave it empty')
  .transform((value) => value || null);

const common = {
  repoNumber: repositoryField,
  repoPath: z.string().trim(),
  cipherPass: secretField('passphrase', 20),
  removeEncryption: z.enum(['no', 'yes'], 'Choose whether to remove the encryption'),
  retentionFull: z.string().trim().regex(/^\d{1,4}$/, 'Give a whole number').transform(Number),
  retentionType: z.enum(['count', 'time'], 'Keep full backups by count or by days'),
};

const hostRow = z.object({
  ...common,
  repoKind: z.literal('host'),
  repoHostId: decimalIdField('Choose the repository host'),
  s3Endpoint: onlyS3, s3Port: onlyS3, s3Bucket: onlyS3, s3Region: onlyS3, s3UriStyle: onlyS3, s3VerifyTls: onlyS3, s3CaCertificate: onlyS3, s3Key: onlyS3, s3Secret: onlyS3,
});

const s3Row = z.object({
  ...common,
  repoKind: z.literal('s3'),
  repoHostId: z.string().trim().max(0, 'Only a repository host names a host: leave it empty'),
  s3Endpoint: z.string().trim().regex(HOST_NAME, 'Give the endpoint\'s host name, such as s3.eu-west-1.amazonaws.com'),
  s3Port: z.string().trim().regex(/^(\d{1,5})?$/, 'Give a port from 1 to 65535').transform((value) => (value === '' ? 443 : Number(value))).refine((port) => port >= 1 && port <= 65_535, 'Give a port from 1 to 65535'),
  s3Bucket: z.string().trim().regex(BUCKET, 'Give the bucket name: 3–63 lower-case letters, digits, . and -'),
  s3Region: z.string().trim().regex(REGION, 'Give the region, such as us-east-1'),
  s3UriStyle: z.enum(['path', 'host'], 'Choose path-style or host-style addresses'),
  s3VerifyTls: z.enum(['on', 'off'], 'Choose whether to verify the endpoint\'s certificate'),
  s3CaCertificate: caField,
  s3Key: secretField('access key'),
  s3Secret: secretField('secret key'),
});

/** One repository's values, checked: its kind decides which fields it has. */
export const repositoryRowSchema = z
  .discriminatedUnion('repoKind', [hostRow, s3Row], { error: 'Choose a repository host or S3' })
  .superRefine((row, ctx) => {
    const path = repositoryPathProblem(row.repoPath, row.repoKind);
    if (path) ctx.addIssue({ code: 'custom', path: ['repoPath'], message: path });
    const [low, high, unit] = row.retentionType === 'count' ? [1, 100, 'full backups'] : [1, 3650, 'days'];
    if (row.retentionFull < low || row.retentionFull > high) ctx.addIssue({ code: 'custom', path: ['retentionFull'], message: `Keep ${low} to ${high} ${unit}` });
    if (row.removeEncryption === 'yes' && row.cipherPass !== null) ctx.addIssue({ code: 'custom', path: ['cipherPass'], message: 'Leave the passphrase empty to remove the encryption' });
  })
  .transform((row): RepositoryForm => ({
    number: row.repoNumber,
    kind: row.repoKind,
    hostId: row.repoKind === 'host' ? row.repoHostId : null,
    path: row.repoPath,
    s3: row.repoKind === 's3'
      ? { endpoint: row.s3Endpoint, port: row.s3Port, bucket: row.s3Bucket, region: row.s3Region, pathStyle: row.s3UriStyle === 'path', verifyTls: row.s3VerifyTls === 'on', caCertificate: row.s3CaCertificate }
      : null,
    s3Key: row.repoKind === 's3' ? row.s3Key : null,
    s3Secret: row.repoKind === 's3' ? row.s3Secret : null,
    cipherPass: row.cipherPass,
    removeEncryption: row.removeEncryption === 'yes',
    retentionFull: row.retentionFull,
    retentionFullType: row.retentionType,
  }));
