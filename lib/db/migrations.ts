import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlRunner } from './driver';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATION_NAME = /^\d{14}_[a-z0-9_]+$/;
const LOCK_KEY = 4_821_730_115;

export const migrationsDir = () => path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'prisma', 'migrations');

/** Reads prisma/migrations in Prisma's folder layout, oldest first. */
export async function readMigrations(dir = migrationsDir()): Promise<Migration[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    names.map(async (name) => {
      if (!MIGRATION_NAME.test(name)) throw new Error(`Migration folder "${name}" is not named <14 digits>_<snake_case>`);
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies every migration not yet recorded in `_prisma_migrations` (Prisma's own history
 * table, so `prisma migrate deploy` agrees), each in its own transaction under an advisory
 * lock so concurrent app instances apply it exactly once. An applied migration whose file
 * has since changed stops start-up: history must not be rewritten.
 * @returns the names applied by this call.
 */
export async function applyMigrations(sql: SqlRunner, migrations: Migration[]): Promise<string[]> {
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec(CREATE_HISTORY);
  });
  const applied: string[] = [];
  for (const migration of migrations) {
    const didApply = await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const rows = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL',
        [migration.name],
      );
      const recorded = rows[0];
      if (recorded) {
        if (recorded.checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; restore its migration.sql`);
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      return true;
    });
    if (didApply) applied.push(migration.name);
  }
  return applied;
}
