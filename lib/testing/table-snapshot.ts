import type { SqlRunner } from '@/lib/db/driver';

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const savedName = (table: string) => quoted(`saved_${table}`);
const COUNTER = 'test_table_writes';

/**
 * Every table of Tandem's database watched by a test that runs thousands of actions against one
 * in-memory database (the hostile-input suite): each row written is counted per table (a trigger,
 * which restores do not fire), and the tables, but for `unsaved` (the audit log, which only
 * grows), are saved once so those a case changed can be told and put back cheaply.
 */
export async function tableSnapshot(sql: SqlRunner, unsaved: readonly string[]) {
  const rows = await sql.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name",
  );
  const all = rows.map((row) => row.name);
  const tables = all.filter((name) => !unsaved.includes(name));
  await sql.exec(`
    CREATE TABLE ${COUNTER} (name text PRIMARY KEY, n bigint NOT NULL);
    CREATE FUNCTION ${COUNTER}_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ${COUNTER} VALUES (TG_TABLE_NAME, 1) ON CONFLICT (name) DO UPDATE SET n = ${COUNTER}.n + 1;
      RETURN NULL;
    END $$;
    ${all.map((table) => `CREATE TRIGGER ${COUNTER} AFTER INSERT OR UPDATE OR DELETE ON ${quoted(table)} FOR EACH ROW EXECUTE FUNCTION ${COUNTER}_count();`).join('\n')}
  `);
  const digestQuery = tables
    .map((table) => `SELECT '${table}' AS name, md5(coalesce(string_agg(row_text, ',' ORDER BY row_text), '')) AS digest FROM (SELECT t::text AS row_text FROM ${quoted(table)} t) rows`)
    .join(' UNION ALL ');

  async function digests(): Promise<Record<string, string>> {
    return Object.fromEntries((await sql.query<{ name: string; digest: string }>(digestQuery)).map((row) => [row.name, row.digest]));
  }

  async function save(): Promise<Record<string, string>> {
    await sql.exec(tables.map((table) => `DROP TABLE IF EXISTS ${savedName(table)}; CREATE TEMP TABLE ${savedName(table)} AS SELECT * FROM ${quoted(table)};`).join('\n'));
    return digests();
  }

  let saved = await save();

  return {
    /** Rows written so far, per table (only tables written to appear). */
    async writes(): Promise<Record<string, number>> {
      return Object.fromEntries((await sql.query<{ name: string; n: string }>(`SELECT name, n FROM ${COUNTER}`)).map((row) => [row.name, Number(row.n)]));
    },
    /** The saved tables whose rows differ from what was saved. */
    async changed(): Promise<string[]> {
      const now = await digests();
      return tables.filter((table) => now[table] !== saved[table]);
    },
    /** Puts the saved rows back in `which`; foreign keys and the counting trigger stay quiet meanwhile, so the order does not matter. */
    async restore(which: readonly string[]): Promise<void> {
      if (which.length === 0) return;
      const statements = which.map((table) => `DELETE FROM ${quoted(table)}; INSERT INTO ${quoted(table)} SELECT * FROM ${savedName(table)};`);
      await sql.exec(['SET session_replication_role = replica;', ...statements, 'SET session_replication_role = DEFAULT;'].join('\n'));
    },
    /** Saves the tables as they are now: later restores go back to this. */
    async resave(): Promise<void> {
      saved = await save();
    },
  };
}

export type TableSnapshot = Awaited<ReturnType<typeof tableSnapshot>>;
