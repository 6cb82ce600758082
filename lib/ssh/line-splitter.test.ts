import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter';

function split(chunks: (string | Buffer)[], maxLineChars?: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line), maxLineChars);
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('splits on \\n, \\r\\n and a lone \\r', () => {
    expect(split(['a\nb\r\nc\rd'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps progress redraws separate, as pg_basebackup -P writes them', () => {
    expect(split(['  1024/176000 kB (0%), 0/1 tablespace\r', '176000/176000 kB (100%), 1/1 tablespace\r', '\n'])).toEqual([
      '  1024/176000 kB (0%), 0/1 tablespace',
      '176000/176000 kB (100%), 1/1 tablespace',
    ]);
  });

  it('emits a line ending in \\r at once and does not count a following \\n twice', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    splitter.push('progress\r');
    expect(lines).toEqual(['progress']);
    splitter.push('\nnext\n');
    expect(lines).toEqual(['progress', 'next']);
  });

  it('joins lines split across chunks and flushes the last unterminated line', () => {
    expect(split(['hel', 'lo\nwor', 'ld'])).toEqual(['hello', 'world']);
  });

  it('keeps empty lines', () => {
    expect(split(['a\n\nb\n'])).toEqual(['a', '', 'b']);
  });

  it('keeps a UTF-8 character split across chunks whole', () => {
    const bytes = Buffer.from('naïve 🐘\n');
    expect(split([bytes.subarray(0, 3), bytes.subarray(3, 8), bytes.subarray(8)])).toEqual(['naïve 🐘']);
  });

  it('cuts an endless line into bounded pieces', () => {
    expect(split(['x'.repeat(25)], 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});
