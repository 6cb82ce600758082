import 'server-only';
import { headers } from 'next/headers';
import { db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { env } from '@/lib/config/env';
import { auth } from './auth';
import type { Role } from './roles';

export interface NewUser {
  name: string;
  email: string;
  password: string;
  role: Role;
}

export async function countUsers(): Promise<number> {
  return (await db()).user.count();
}

export async function emailTaken(email: string): Promise<boolean> {
  return (await (await db()).user.count({ where: { email } })) > 0;
}

/** Creates a user with a password hashed by better-auth; the caller has checked permissions. */
export async function createUserWithPassword(user: NewUser): Promise<string> {
  const result = await (await auth()).api.signUpEmail({
    body: { name: user.name, email: user.email, password: user.password },
    headers: await safeHeaders(),
  });
  await (await db()).user.update({ where: { id: result.user.id }, data: { role: user.role }, select: { id: true } });
  return result.user.id;
}

async function safeHeaders(): Promise<Headers> {
  try {
    return new Headers(await headers());
  } catch {
    return new Headers();
  }
}

const FIRST_RUN_KEY = 'bootstrap.claimed';

/**
 * Creates the first admin. Returns null when users exist or another request got there
 * first, so two first visitors cannot both become admin; a failed attempt releases the claim.
 */
export async function createFirstAdmin(user: Omit<NewUser, 'role'>): Promise<string | null> {
  const prisma = await db();
  if ((await prisma.user.count()) > 0) return null;
  try {
    await prisma.setting.create({ data: { key: FIRST_RUN_KEY, value: { at: new Date().toISOString() } }, select: { key: true } });
  } catch {
    return null;
  }
  try {
    return await createUserWithPassword({ ...user, role: 'admin' });
  } catch (error) {
    await prisma.setting.delete({ where: { key: FIRST_RUN_KEY } });
    throw error;
  }
}

/** TANDEM_ADMIN_EMAIL/TANDEM_ADMIN_PASSWORD create the first admin headless, once. */
export async function bootstrapAdminFromEnv(): Promise<void> {
  const { TANDEM_ADMIN_EMAIL: email, TANDEM_ADMIN_PASSWORD: password } = env();
  if (!email || !password) return;
  const id = await createFirstAdmin({ name: 'Administrator', email, password });
  if (!id) return;
  await recordAudit({ actorId: id, actorEmail: email, action: 'user.create', summary: `Created the first admin ${email} from the environment`, targetType: 'user', targetId: id, targetName: email });
  console.info(`[tandem] created the first admin ${email} from TANDEM_ADMIN_EMAIL`);
}
