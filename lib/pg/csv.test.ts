import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('parses psql --csv output, as a lab host printed it', () => {
    const text = 'a,b,c,d,e,f,g\n,,"x,y","l1\nl2","""q""", sp ,"\\."\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      ['', '', 'x,y', 'l1\nl2', '"q"', ' sp ', '\\.'],
    ]);
  });

  it('handles CRLF record ends, CR inside quotes and a missing final newline', () => {
    expect(parseCsv('a,b\r\n1,"x\ry"')).toEqual([['a', 'b'], ['1', 'x\ry']]);
  });

  it('returns nothing for empty output and keeps a single empty field', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('?column?\n\n')).toEqual([['?column?'], ['']]);
  });

  it('keeps unicode, quotes and separators intact', () => {
    expect(parseCsv('"日本,🐘","a""b""c"\n')).toEqual([['日本,🐘', 'a"b"c']]);
  });

  it('throws on malformed quoting instead of guessing', () => {
    expect(() => parseCsv('"unterminated\n')).toThrow(/unterminated/);
    expect(() => parseCsv('"a"b,c\n')).toThrow(/after a quoted field/);
  });
});
