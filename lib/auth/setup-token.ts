import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { env } from '@/lib/config/env';
import { db } from '@/lib/db/client';

const SETTING = 'bootstrap.setupToken';
const storedSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), at: z.string() });

const digest = (token: string): Buffer => createHash('sha256').update(token.trim(), 'utf8').digest();

/** Where the token is also written, readable by the account Tandem runs as only (as Jenkins' initialAdminPassword). */
export function setupTokenFile(): string {
  return path.resolve(env().TANDEM_DATA_DIR, 'setup-token');
}

/**
 * Start-up while Tandem has no user: a fresh one-time token that the first-admin form asks
 * for, so the first visitor from the network cannot claim the admin account. Only its hash
 * is stored; the token itself goes to the log and to {@link setupTokenFile} (mode 0600). Each
 * start replaces it until the first admin exists.
 */
export async function issueSetupToken(): Promise<string> {
  const token = randomBytes(15).toString('base64url');
  const value = { sha256: digest(token).toString('hex'), at: new Date().toISOString() };
  await (await db()).setting.upsert({ where: { key: SETTING }, create: { key: SETTING, value }, update: { value }, select: { key: true } });
  const file = setupTokenFile();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  rmSync(file, { force: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return token;
}

/** Whether `token` is the one issued at the last start (compared in constant time). */
export async function setupTokenMatches(token: string): Promise<boolean> {
  const row = await (await db()).setting.findUnique({ where: { key: SETTING }, select: { value: true } });
  const stored = storedSchema.safeParse(row?.value);
  if (!stored.success) return false;
  return timingSafeEqual(Buffer.from(stored.data.sha256, 'hex'), digest(token));
}

/** Once the first admin exists the token has done its job: forget it and remove its file. */
export async function retireSetupToken(): Promise<void> {
  await (await db()).setting.deleteMany({ where: { key: SETTING } });
  rmSync(setupTokenFile(), { force: true });
}
