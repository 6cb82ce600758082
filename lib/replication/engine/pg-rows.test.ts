import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { literal, pgText, RowShapeError, sql } from '@/lib/pg/sql';
import { queryLabel, queryOk, queryRows } from './pg-rows';
import type { PgProbe, PgQueryResult } from './ports';

function answering(rows: PgQueryResult['rows']): PgProbe {
  return { query: async () => ({ columns: Object.keys(rows[0] ?? {}), rows, durationMs: 1 }) };
}

const CHECK = sql`SELECT pg_is_in_recovery() AS ok`;

describe('queryOk', () => {
  it('holds only when the first row says t', async () => {
    expect(await queryOk(answering([{ ok: 't' }]), 'pg1', CHECK)).toBe(true);
    expect(await queryOk(answering([{ ok: 'f' }]), 'pg1', CHECK)).toBe(false);
  });

  it('is false for no row and for NULL, as before decoding', async () => {
    expect(await queryOk(answering([]), 'pg1', CHECK)).toBe(false);
    expect(await queryOk(answering([{ ok: null }]), 'pg1', CHECK)).toBe(false);
  });

  it('refuses a row without a boolean ok, naming the query and host', async () => {
    await expect(queryOk(answering([{ ok: '1' }]), 'pg2', CHECK)).rejects.toThrow(RowShapeError);
    await expect(queryOk(answering([{ answer: 't' }]), 'pg2', CHECK)).rejects.toThrow('`SELECT pg_is_in_recovery() AS ok` on pg2 returned rows');
  });

  it('passes parameters and options through to the probe', async () => {
    const seen: unknown[] = [];
    const probe: PgProbe = { query: async (host, text, options) => { seen.push({ host, text, options }); return { columns: ['ok'], rows: [{ ok: 't' }], durationMs: 1 }; } };
    await queryOk(probe, 'pg3', CHECK, { params: { a: 'b' }, timeoutMs: 5 });
    expect(seen).toEqual([{ host: 'pg3', text: CHECK, options: { params: { a: 'b' }, timeoutMs: 5 } }]);
  });
});

describe('queryRows', () => {
  it('decodes every row with the schema', async () => {
    const rows = await queryRows(answering([{ lsn: '0/3000148' }, { lsn: null }]), 'pg1', sql`SELECT lsn`, z.object({ lsn: pgText.lsn.nullable() }));
    expect(rows).toEqual([{ lsn: '0/3000148' }, { lsn: null }]);
  });
});

describe('queryLabel', () => {
  it('names a query by its first line, shortened', () => {
    expect(queryLabel('pg1', sql`\n  SELECT 1\nFROM t`)).toBe('`SELECT 1` on pg1');
    expect(queryLabel('pg1', sql`SELECT ${literal('x'.repeat(200))}`)).toMatch(/^`SELECT 'x{71}…` on pg1$/);
  });
});
