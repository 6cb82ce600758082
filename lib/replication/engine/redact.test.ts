import { describe, expect, it } from 'vitest';
import { OutputTail } from './output-tail';
import { redact } from './redact';

describe('redact', () => {
  it('replaces a secret as written, SQL-quoted and shell-quoted', () => {
    const secret = "it's";
    expect(redact(`raw it's, sql 'it''s', shell 'it'\\''s'`, [secret])).toBe("raw ***, sql '***', shell '***'");
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    expect(redact('abcdef and abc', ['abc', 'abcdef'])).toBe('*** and ***');
  });

  it('ignores empty secrets and leaves other text alone', () => {
    expect(redact('nothing here', ['', 'absent'])).toBe('nothing here');
  });

  it('handles characters that are special in regular expressions', () => {
    expect(redact('pw=a.b*c(d)$', ['a.b*c(d)$'])).toBe('pw=***');
  });
});

describe('OutputTail', () => {
  it('keeps whole output under the cap and marks a cut front', () => {
    const tail = new OutputTail(20);
    tail.push('0123456789');
    expect(tail.text()).toBe('0123456789\n');
    tail.push('abcdefghij');
    expect(tail.text()).toHaveLength(20);
    expect(tail.text()).toBe('…3456789\nabcdefghij\n');
  });
});
