import { describe, expect, it } from 'vitest';
import { isTypedLine, isTypedText } from './typed-text';

describe('typed text', () => {
  it('takes any printable text, in any script, with tabs and line breaks only where text may span lines', () => {
    for (const text of ['', 'rack 4, row 2', 'Łódź 東京 🐘', "it's \"fine\" $(not run)"]) expect([isTypedText(text), isTypedLine(text)]).toEqual([true, true]);
    expect([isTypedText('two\nlines\r\n\tindented'), isTypedLine('two\nlines')]).toEqual([true, false]);
  });

  it('refuses NUL and the other control characters', () => {
    for (const text of ['a\u0000b', 'bell\u0007', '\u001b[31mred', 'del\u007f', 'next\u0085line']) expect([text, isTypedText(text), isTypedLine(text)]).toEqual([text, false, false]);
  });
});
