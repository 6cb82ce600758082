import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

export interface SqlTx {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** Plain SQL access used by the migration runner; both targets speak PostgreSQL. */
export interface SqlRunner extends SqlTx {
  transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface Driver {
  kind: 'pglite' | 'postgresql';
  adapter: SqlMigrationAwareDriverAdapterFactory;
  sql: SqlRunner;
}

/**
 * Opens Tandem's own database: a PostgreSQL server when `databaseUrl` is a postgresql://
 * URL, an in-memory PGlite for `memory:`, otherwise embedded PGlite under `dataDir`.
 */
export async function openDriver(databaseUrl: string | undefined, dataDir: string): Promise<Driver> {
  if (databaseUrl && databaseUrl.startsWith('postgres')) return openServer(databaseUrl);
  let location: string | undefined;
  if (databaseUrl !== 'memory:') {
    location = path.resolve(dataDir, 'pglite');
    mkdirSync(location, { recursive: true, mode: 0o700 });
  }
  return openEmbedded(await PGlite.create(location));
}

function openServer(connectionString: string): Driver {
  const pool = new pg.Pool({ connectionString, max: 10, application_name: 'tandem' });
  const onClient = (client: pg.PoolClient | pg.Pool): SqlTx => ({
    exec: async (text) => void (await client.query(text)),
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
  });
  return {
    kind: 'postgresql',
    adapter: new PrismaPg(pool),
    sql: {
      ...onClient(pool),
      async transaction(work) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work(onClient(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    },
  };
}

function openEmbedded(lite: PGlite): Driver {
  return {
    kind: 'pglite',
    adapter: new PrismaPGlite(lite),
    sql: {
      exec: async (text) => void (await lite.exec(text)),
      query: async <T>(text: string, params: unknown[] = []) => (await lite.query<T>(text, params)).rows,
      transaction: (work) =>
        lite.transaction((tx) =>
          work({
            exec: async (text) => void (await tx.exec(text)),
            query: async <T>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows,
          }),
        ),
      close: () => lite.close(),
    },
  };
}
