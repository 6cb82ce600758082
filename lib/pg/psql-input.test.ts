import { describe, expect, it } from 'vitest';
import { PgError, redact } from './errors';
import { explainPsqlFailure } from './psql-errors';
import { buildPsqlInput, psqlArgument } from './psql-over-ssh';
import { sql } from './sql';

describe('psqlArgument', () => {
  it('doubles quotes and backslashes and escapes control characters as octal', () => {
    expect(psqlArgument("it's")).toBe("'it''s'");
    expect(psqlArgument('a\\b')).toBe("'a\\\\b'");
    expect(psqlArgument('l1\nl2\r\t')).toBe("'l1\\012l2\\015\\011'");
    expect(psqlArgument(":'x' `id` $(id) 🐘")).toBe("':''x'' `id` $(id) 🐘'");
    expect(psqlArgument('')).toBe("''");
  });

  it('keeps every argument on one line and refuses NUL', () => {
    expect(psqlArgument('a\nb\u2028c')).not.toContain('\n');
    expect(() => psqlArgument('a\0b')).toThrow(/NUL/);
  });
});

describe('buildPsqlInput', () => {
  it('puts settings and parameters before the SQL', () => {
    const input = buildPsqlInput(sql`select :'p'`, { p: 'v' }, '\\Nmarker');
    expect(input.split('\n')).toEqual(['\\set ON_ERROR_STOP on', '\\set VERBOSITY verbose', "\\pset null '\\\\Nmarker'", "\\set p 'v'", "select :'p'", '']);
  });

  it('refuses parameter names psql could misread', () => {
    expect(() => buildPsqlInput(sql`select 1`, { 'a b': 'x' }, 'm')).toThrow(TypeError);
    expect(() => buildPsqlInput(sql`select 1`, { ON_ERROR_STOP: 'off' }, 'm')).toThrow(TypeError);
  });
});

describe('explainPsqlFailure', () => {
  it('extracts the server message and SQLSTATE of an SQL error', () => {
    const stderr = 'psql:<stdin>:5: ERROR:  42P01: relation "nope" does not exist\nLINE 1: select * from nope;\n                      ^\nLOCATION:  parserOpenTable, parse_relation.c:1392\n';
    const error = explainPsqlFailure('root@h:22', 3, stderr);
    expect(error).toBeInstanceOf(PgError);
    expect(error.code).toBe('sql-error');
    expect(error.details).toMatchObject({ sqlState: '42P01', serverMessage: 'relation "nope" does not exist' });
    expect(error.message).toContain('relation "nope" does not exist');
  });

  it('recognises a cluster that is not running', () => {
    const stderr = 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory\n';
    expect(explainPsqlFailure('h', 2, stderr).code).toBe('refused');
  });
});

describe('redact', () => {
  it('hides secrets raw and SQL-quoted', () => {
    expect(redact("LINE 1: PASSWORD 'it''s' and it's", ["it's"])).toBe('LINE 1: PASSWORD \'***\' and ***');
  });
});
