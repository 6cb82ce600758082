import { describe, expect, it } from 'vitest';
import { TailBuffer } from './tail-buffer';

describe('TailBuffer', () => {
  it('keeps everything under the cap', () => {
    const buffer = new TailBuffer(100);
    buffer.push(Buffer.from('hello '));
    buffer.push(Buffer.from('world'));
    expect(buffer.text()).toBe('hello world');
    expect(buffer.truncated).toBe(false);
  });

  it('keeps the last bytes over the cap and says it truncated', () => {
    const buffer = new TailBuffer(10);
    for (let line = 0; line < 100; line += 1) buffer.push(Buffer.from(`line ${line}\n`));
    expect(buffer.text()).toBe('8\nline 99\n');
    expect(buffer.truncated).toBe(true);
  });

  it('cuts inside a chunk bigger than the cap', () => {
    const buffer = new TailBuffer(4);
    buffer.push(Buffer.from('abcdefgh'));
    expect(buffer.text()).toBe('efgh');
  });

  it('drops a multibyte character cut in half at the start', () => {
    const buffer = new TailBuffer(5);
    buffer.push(Buffer.from('a🐘bc'));
    expect(buffer.text()).toBe('bc');
  });

  it('with a cap of zero keeps nothing', () => {
    const buffer = new TailBuffer(0);
    buffer.push(Buffer.from('abc'));
    expect(buffer.text()).toBe('');
    expect(buffer.truncated).toBe(true);
  });
});
