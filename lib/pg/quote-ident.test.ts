import { describe, expect, it } from 'vitest';
import {
  assertApplicationName, assertParameterName, assertRoleName, assertSlotName, isValidApplicationName,
  isValidRoleName, isValidSlotName, quoteIdent, quoteLiteral, toSlotName,
} from './quote-ident';

const hostile = ['', ' ', 'a b', 'A', 'Robert"); DROP TABLE students;--', "o'brien", 'x;y', 'a-b', 'ünï', '🐘', '$1', 'a\nb', 'a\0b', '../x', '"'];

describe('quoteIdent', () => {
  it('wraps in double quotes and doubles embedded ones', () => {
    expect(quoteIdent('replicator')).toBe('"replicator"');
    expect(quoteIdent('Mixed Case')).toBe('"Mixed Case"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent('Robert"); DROP TABLE students;--')).toBe('"Robert""); DROP TABLE students;--"');
    expect(quoteIdent('🐘')).toBe('"🐘"');
  });

  it('refuses empty names, NUL and names PostgreSQL would truncate', () => {
    expect(() => quoteIdent('')).toThrow(/empty/);
    expect(() => quoteIdent('a\0b')).toThrow(/NUL/);
    expect(() => quoteIdent('x'.repeat(64))).toThrow(/63 bytes/);
    expect(() => quoteIdent('é'.repeat(32))).toThrow(/63 bytes/);
    expect(quoteIdent('x'.repeat(63))).toHaveLength(65);
  });
});

describe('quoteLiteral', () => {
  it('doubles quotes, and uses E-strings only when a backslash is present', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral('a\\b')).toBe("E'a\\\\b'");
    expect(quoteLiteral("\\'; DROP ROLE x; --")).toBe("E'\\\\''; DROP ROLE x; --'");
    expect(quoteLiteral('')).toBe("''");
    expect(() => quoteLiteral('a\0')).toThrow(/NUL/);
  });
});

describe('name validators', () => {
  it('accept the plain names Tandem uses', () => {
    expect(isValidRoleName('tandem_replicator')).toBe(true);
    expect(isValidSlotName('pg2')).toBe(true);
    expect(isValidSlotName('0abc')).toBe(true);
    expect(isValidApplicationName('pg_2')).toBe(true);
    expect(assertSlotName('x'.repeat(63))).toBe('x'.repeat(63));
  });

  it('reject every hostile or oversized name', () => {
    for (const name of hostile) {
      expect(isValidRoleName(name)).toBe(false);
      expect(isValidSlotName(name)).toBe(false);
      expect(isValidApplicationName(name)).toBe(false);
      expect(() => assertRoleName(name)).toThrow(TypeError);
      expect(() => assertSlotName(name)).toThrow(TypeError);
      expect(() => assertApplicationName(name)).toThrow(TypeError);
      expect(() => assertParameterName(name)).toThrow(TypeError);
    }
    expect(isValidSlotName('x'.repeat(64))).toBe(false);
    expect(isValidRoleName('1abc')).toBe(false);
  });

  it('reserve the pg_ prefix for roles', () => {
    expect(isValidRoleName('pg_monitor')).toBe(false);
    expect(() => assertRoleName('pg_monitor')).toThrow(/reserved/);
  });

  it('derive a slot name from a host label', () => {
    expect(toSlotName('DB-2.example.com')).toBe('db_2_example_com');
    expect(toSlotName('--x--')).toBe('x');
    expect(isValidSlotName(toSlotName('ü'.repeat(100) + 'a'))).toBe(true);
    expect(() => toSlotName('---')).toThrow(TypeError);
  });
});
