import 'server-only';
import { PrismaClient } from '@/generated/prisma/client';
import { env } from '@/lib/config/env';
import { loadSecretKey } from '@/lib/crypto/secret-key';
import { openDriver, type Driver } from './driver';
import { applyMigrations, readMigrations } from './migrations';

export interface Database {
  prisma: PrismaClient;
  driver: Driver;
  secretKey: Buffer;
}

const GLOBAL_KEY = Symbol.for('tandem.database');
type Holder = { [GLOBAL_KEY]?: Promise<Database> };

/**
 * Tandem's database, opened once per process (Next bundles modules more than once, so the
 * handle lives on globalThis: two PGlite instances on one directory would corrupt it).
 * Pending migrations are applied before the first caller gets the handle.
 */
export function database(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[GLOBAL_KEY] ??= open().catch((error: unknown) => {
    delete holder[GLOBAL_KEY];
    throw error;
  });
  return holder[GLOBAL_KEY];
}

/** The Prisma client, after migrations. */
export async function db(): Promise<PrismaClient> {
  return (await database()).prisma;
}

async function open(): Promise<Database> {
  const config = env();
  const secretKey = loadSecretKey(config.TANDEM_SECRET_KEY, config.TANDEM_DATA_DIR);
  const driver = await openDriver(config.DATABASE_URL, config.TANDEM_DATA_DIR);
  const applied = await applyMigrations(driver.sql, await readMigrations());
  if (applied.length > 0) console.info(`[tandem] applied migrations: ${applied.join(', ')}`);
  return { prisma: new PrismaClient({ adapter: driver.adapter }), driver, secretKey };
}
