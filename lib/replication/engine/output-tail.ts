export const OUTPUT_TAIL_CHARS = 8 * 1024;

/** The last `maxChars` characters of a step's output; older lines fall off the front. */
export class OutputTail {
  readonly #maxChars: number;
  #text = '';
  #dropped = false;

  constructor(maxChars = OUTPUT_TAIL_CHARS) {
    this.#maxChars = maxChars;
  }

  push(line: string): void {
    this.#append(line.endsWith('\n') ? line : `${line}\n`);
  }

  text(): string {
    return this.#dropped ? `…${this.#text}` : this.#text;
  }

  #append(text: string): void {
    this.#text += text;
    if (this.#text.length > this.#maxChars) {
      this.#text = this.#text.slice(-this.#maxChars + 1);
      this.#dropped = true;
    }
  }
}
