import { StringDecoder } from 'node:string_decoder';

const LINE_END = /\r\n|\r|\n/;

/**
 * Cuts a byte stream into lines as they arrive, so progress can be shown live.
 * `\n`, `\r\n` and a lone `\r` all end a line (`pg_basebackup -P` redraws its progress
 * with `\r`); a `\r\n` split across two chunks still counts once. UTF-8 characters split
 * across chunks are kept whole. A line longer than `maxLineChars` is emitted in pieces
 * rather than buffered without bound.
 */
export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  readonly #emit: (line: string) => void;
  readonly #maxLineChars: number;
  #partial = '';
  #afterCarriageReturn = false;

  constructor(emit: (line: string) => void, maxLineChars = 64 * 1024) {
    this.#emit = emit;
    this.#maxLineChars = maxLineChars;
  }

  push(chunk: Buffer | string): void {
    this.#consume(typeof chunk === 'string' ? chunk : this.#decoder.write(chunk));
  }

  /** Flushes a last line that had no line end. */
  end(): void {
    this.#consume(this.#decoder.end());
    if (this.#partial !== '') this.#emit(this.#partial);
    this.#partial = '';
  }

  #consume(input: string): void {
    let text = input;
    if (text === '') return;
    if (this.#afterCarriageReturn && text.startsWith('\n')) text = text.slice(1);
    this.#afterCarriageReturn = text.endsWith('\r');
    const pieces = (this.#partial + text).split(LINE_END);
    this.#partial = pieces.pop() ?? '';
    for (const line of pieces) this.#emit(line);
    while (this.#partial.length > this.#maxLineChars) {
      this.#emit(this.#partial.slice(0, this.#maxLineChars));
      this.#partial = this.#partial.slice(this.#maxLineChars);
    }
  }
}
