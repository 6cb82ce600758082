import { z } from 'zod';
import { decodeRows, pgText, type SqlText } from '@/lib/pg/sql';
import type { PgProbe, PgQueryOptions } from './ports';

const LABEL_CHARS = 80;

/** How a query is named in errors: its first line (shortened) and the host it ran on. */
export function queryLabel(host: string, text: SqlText): string {
  const first = text.trim().split('\n')[0] ?? '';
  return `\`${first.length > LABEL_CHARS ? `${first.slice(0, LABEL_CHARS - 1)}…` : first}\` on ${host}`;
}

/** Runs `text` on `host` and decodes every row with `schema`; rows of another shape raise a RowShapeError naming the query. */
export async function queryRows<T>(pg: PgProbe, host: string, text: SqlText, schema: z.ZodType<T>, options: PgQueryOptions = {}): Promise<T[]> {
  const result = await pg.query(host, text, options);
  return decodeRows(result.rows, schema, queryLabel(host, text));
}

/** The row of a check query, `SELECT … AS ok`: NULL (e.g. a comparison with an unknown LSN) counts as false. */
export const okRow = z.object({ ok: pgText.bool.nullable() });

/** Whether a check query (`SELECT … AS ok`) holds: its first row says true; no row or NULL is false. */
export async function queryOk(pg: PgProbe, host: string, text: SqlText, options: PgQueryOptions = {}): Promise<boolean> {
  const [row] = await queryRows(pg, host, text, okRow, options);
  return row?.ok === true;
}
