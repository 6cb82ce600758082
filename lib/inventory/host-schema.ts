import { z } from 'zod';
import { isTypedLine, isTypedText, TYPED_TEXT_MESSAGE } from '@/lib/format/typed-text';

/** Shapes a host name may take; it later becomes an application_name and a slot name part. */
export const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const DNS_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^(?=.*:)[0-9A-Fa-f:.]{2,45}$/;
const UNIX_USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const LABEL = /^[A-Za-z0-9][A-Za-z0-9._:=-]{0,31}$/;

const port = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, `${what} must be a whole number from 1 to 65535`)
    .transform(Number)
    .refine((value) => value >= 1 && value <= 65535, `${what} must be a whole number from 1 to 65535`);

export const AUTH_METHODS = ['key', 'password'] as const;
export const PG_VIA = ['direct', 'ssh_tunnel'] as const;

const baseFields = {
  name: z
    .string()
    .trim()
    .min(1, 'Give the host a name, e.g. db-1')
    .max(63, 'Use at most 63 characters')
    .regex(HOST_NAME, 'Use letters, digits, dot, dash or underscore, starting with a letter or digit'),
  sshAddress: z
    .string()
    .trim()
    .min(1, 'Enter the SSH address: a host name or IP address')
    .max(253, 'An address has at most 253 characters')
    .refine((value) => DNS_NAME.test(value) || IPV4.test(value) || isIpv6(value), {
      message: 'Enter a host name (letters, digits, dots, dashes) or an IPv4/IPv6 address',
    }),
  sshPort: port('SSH port'),
  sshUser: z
    .string()
    .trim()
    .min(1, 'Enter the SSH user, e.g. root')
    .regex(UNIX_USER, 'Use a Unix user name: lowercase letters, digits, _ or -, starting with a letter or _'),
  authMethod: z.enum(AUTH_METHODS, { error: 'Choose private key or password' }),
  privateKey: z.string().max(16_384, 'A private key is at most 16 KB; paste the private key, not a bundle').default(''),
  passphrase: z.string().max(1024, 'The passphrase is at most 1024 characters').refine(isTypedLine, 'The passphrase cannot contain control characters').default(''),
  password: z.string().max(1024, 'The password is at most 1024 characters').refine(isTypedLine, 'The password cannot contain control characters').default(''),
  pgPort: port('PostgreSQL port'),
  pgVia: z.enum(PG_VIA, { error: 'Choose direct or through an SSH tunnel' }).default('direct'),
  labels: z
    .string()
    .max(1000, 'Too many labels')
    .default('')
    .transform((text) => text.split(',').map((label) => label.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.string().regex(LABEL, 'Labels are comma-separated words of letters, digits, . _ : = - (at most 32 characters each)'))
        .max(20, 'At most 20 labels'),
    ),
  notes: z.string().max(2000, 'Notes are at most 2000 characters').refine(isTypedText, TYPED_TEXT_MESSAGE).default(''),
};

function isIpv6(value: string): boolean {
  if (!IPV6.test(value)) return false;
  const groups = value.split('::');
  return groups.length <= 2 && value.split(':').length <= 8;
}

/** New host: the secret for the chosen method is required. */
export const createHostSchema = z.object(baseFields).superRefine((host, ctx) => {
  if (host.authMethod === 'key' && host.privateKey.trim() === '') {
    ctx.addIssue({ code: 'custom', path: ['privateKey'], message: 'Paste or upload the private key' });
  }
  if (host.authMethod === 'password' && host.password === '') {
    ctx.addIssue({ code: 'custom', path: ['password'], message: 'Enter the SSH password' });
  }
});

/** Edited host: an empty secret keeps the stored one, unless the method changed. */
export const updateHostSchema = z.object({
  ...baseFields,
  id: z.string().regex(/^\d{1,9}$/, 'Unknown host').transform(Number),
});

export type CreateHostInput = z.output<typeof createHostSchema>;
export type UpdateHostInput = z.output<typeof updateHostSchema>;
export type HostFieldName = keyof typeof baseFields;
