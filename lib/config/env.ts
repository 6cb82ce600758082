import { z } from 'zod';
import { isAddressOrRange } from '@/lib/server/ip-address';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const envSchema = z.object({
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^(postgres(ql)?:\/\/|memory:)/, 'DATABASE_URL must start with postgresql:// (or be memory: for tests)')
      .optional(),
  ),
  TANDEM_DATA_DIR: optionalText.transform((value) => value ?? './data'),
  TANDEM_SECRET_KEY: optionalText,
  TANDEM_ADMIN_EMAIL: optionalText.pipe(z.email('TANDEM_ADMIN_EMAIL must be an e-mail address').optional()),
  TANDEM_ADMIN_PASSWORD: optionalText,
  /** How long an operation stays owned by an instance that stopped renewing it (heartbeat every third of it). */
  TANDEM_OPERATION_LEASE_SECONDS: optionalText
    .transform((value) => (value === undefined ? 30 : Number(value)))
    .pipe(z.number().int('TANDEM_OPERATION_LEASE_SECONDS must be a whole number of seconds').min(3, 'TANDEM_OPERATION_LEASE_SECONDS must be at least 3').max(3600, 'TANDEM_OPERATION_LEASE_SECONDS must be at most 3600')),
  /** This instance's name in operation records and messages; default `<hostname>:<pid>`. A random suffix tells restarts apart. */
  TANDEM_INSTANCE_NAME: optionalText.pipe(z.string().regex(/^[A-Za-z0-9._:-]{1,60}$/, 'TANDEM_INSTANCE_NAME: use 1–60 letters, digits, . _ : -').optional()),
  /** Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDR ranges); none by default, so the client is the connection's peer. */
  TANDEM_TRUSTED_PROXIES: optionalText
    .transform((value) => (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
    .pipe(z.array(z.string().refine(isAddressOrRange, 'TANDEM_TRUSTED_PROXIES: each entry must be an IPv4/IPv6 address or CIDR range, e.g. 10.0.0.0/8, fd00::/8'))),
  TANDEM_URL: optionalText.transform((value) => value ?? 'http://localhost:3000').pipe(z.url('TANDEM_URL must be a URL')),
});

export type Env = z.infer<typeof envSchema>;

let parsed: Env | undefined;

/** Reads and validates Tandem's environment once; a bad value stops start-up with a clear message. */
export function env(): Env {
  if (parsed) return parsed;
  const result = envSchema.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Tandem's configuration is invalid:\n${lines.join('\n')}`);
  }
  if (result.data.TANDEM_ADMIN_EMAIL && !result.data.TANDEM_ADMIN_PASSWORD) {
    throw new Error("Tandem's configuration is invalid:\n  TANDEM_ADMIN_PASSWORD is required with TANDEM_ADMIN_EMAIL");
  }
  parsed = result.data;
  return parsed;
}
