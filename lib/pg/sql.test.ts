import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PgProbe } from '@/lib/replication/engine/ports';
import { decodeRows, ident, joinSql, literal, pgText, RowShapeError, settingName, sql } from './sql';

const probe: PgProbe = {
  async query(_host, text) {
    return { columns: ['text'], rows: [{ text }], durationMs: 0 };
  },
};

describe('the sql tag', () => {
  it('pastes SqlText fragments where they are interpolated', () => {
    const condition = sql`pg_is_in_recovery()`;
    expect(sql`SELECT ${condition} AND ${sql`true`} AS ok`).toBe('SELECT pg_is_in_recovery() AND true AS ok');
    expect(sql`SELECT 1`).toBe('SELECT 1');
    expect(sql`SELECT ${sql``}1`).toBe('SELECT 1');
  });

  it('joins fragments with a separator', () => {
    expect(joinSql([sql`(a)`, sql`(b)`, sql`(c)`], sql` AND `)).toBe('(a) AND (b) AND (c)');
    expect(joinSql([], sql`, `)).toBe('');
  });

  it('quotes identifiers and literals so a hostile name stays one token', () => {
    expect(ident('tandem_repl')).toBe('"tandem_repl"');
    expect(ident('we"ird')).toBe('"we""ird"');
    expect(sql`DROP ROLE ${ident('x"; DROP TABLE t; --')}`).toBe('DROP ROLE "x""; DROP TABLE t; --"');
    expect(literal("it's")).toBe("'it''s'");
  });

  it('takes only setting names, refusing anything that could end the statement', () => {
    expect(sql`ALTER SYSTEM SET ${settingName('max_wal_senders')} = :'v'`).toBe("ALTER SYSTEM SET max_wal_senders = :'v'");
    expect(() => settingName('max_wal_senders; DROP')).toThrow(TypeError);
    expect(() => settingName('Max_Wal_Senders')).toThrow(/Invalid setting name/);
    expect(() => settingName('')).toThrow(TypeError);
  });

  it('refuses a plain string in the types, and anything but a string at run time', () => {
    const fromHost = "x'; DROP TABLE t; --";
    // @ts-expect-error a plain string is not SqlText and cannot be interpolated
    const unchecked = sql`SELECT ${fromHost}`;
    // The brand exists only for the type checker: at run time the text would be pasted, so tsc is the guard.
    expect(unchecked).toBe(`SELECT ${fromHost}`);
    // @ts-expect-error a number is not SqlText either: values travel as psql variables
    expect(() => sql`SELECT 1 LIMIT ${10}`).toThrow(/only SqlText may be interpolated/);
  });

  it('is what PgProbe.query accepts; a plain string does not type-check', async () => {
    const host = 'pg1';
    const asked = await probe.query(host, sql`SELECT 1`);
    expect(asked.rows).toEqual([{ text: 'SELECT 1' }]);
    const plain = 'SELECT 1';
    // @ts-expect-error PgProbe.query takes only SqlText
    await probe.query(host, plain);
  });
});

describe('decodeRows', () => {
  const schema = z.object({ ok: pgText.bool, lag: pgText.int.nullable(), lsn: pgText.lsn });

  it('decodes psql text into typed values', () => {
    expect(decodeRows([{ ok: 't', lag: '42', lsn: '0/3000148' }, { ok: 'f', lag: null, lsn: 'A/B' }], schema, 'the probe')).toEqual([
      { ok: true, lag: 42, lsn: '0/3000148' },
      { ok: false, lag: null, lsn: 'A/B' },
    ]);
    expect(decodeRows([], schema, 'the probe')).toEqual([]);
  });

  it('names the query and the column when a row has another shape', () => {
    const decode = () => decodeRows([{ ok: 'true', lag: '1', lsn: '0/1' }], schema, 'the lag query on pg2');
    expect(decode).toThrow(RowShapeError);
    expect(decode).toThrow(/^the lag query on pg2 returned rows Tandem does not understand \(0\.ok: /);
    expect(() => decodeRows([{ ok: 't', lag: 'many', lsn: 'nope' }], schema, 'q')).toThrow(/0\.lag: .*; 0\.lsn: /);
    expect(() => decodeRows([{ lag: '1', lsn: '0/1' }], schema, 'q')).toThrow(/0\.ok/);
  });
});
