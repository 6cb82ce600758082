import 'server-only';
import { hkdfSync } from 'node:crypto';
import { betterAuth } from 'better-auth/minimal';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { env } from '@/lib/config/env';
import { database } from '@/lib/db/client';
import { refuseDisabledAccount } from './account-status';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
const SESSION_HOURS = 12;

async function createAuth() {
  const { prisma, secretKey } = await database();
  const config = env();
  return betterAuth({
    appName: 'Tandem',
    baseURL: config.TANDEM_URL,
    secret: Buffer.from(hkdfSync('sha256', secretKey, 'tandem', 'better-auth session signing', 32)).toString('hex'),
    database: prismaAdapter(prisma, { provider: 'postgresql' }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: false,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    user: {
      additionalFields: { role: { type: 'string', input: false, defaultValue: 'viewer' } },
    },
    session: { expiresIn: SESSION_HOURS * 3600, updateAge: 3600 },
    databaseHooks: { session: { create: { before: refuseDisabledAccount } } },
    telemetry: { enabled: false },
    advanced: { useSecureCookies: config.TANDEM_URL.startsWith('https://') },
    plugins: [nextCookies()],
  });
}

type Auth = Awaited<ReturnType<typeof createAuth>>;
const GLOBAL_KEY = Symbol.for('tandem.auth');
type Holder = { [GLOBAL_KEY]?: Promise<Auth> };

/**
 * The better-auth instance (password hashing, sessions, cookies). Its HTTP handler is not
 * mounted: sign-in, sign-out and user creation go through Tandem's own server actions,
 * which add throttling, role checks and audit records.
 */
export function auth(): Promise<Auth> {
  const holder = globalThis as Holder;
  holder[GLOBAL_KEY] ??= createAuth();
  return holder[GLOBAL_KEY];
}
