import { createInterface } from 'node:readline/promises';
import type { CliIo, Output } from './io';

function output(stream: NodeJS.WriteStream): Output {
  return {
    write: (text) => void stream.write(text),
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.columns;
    },
  };
}

/** The process's own I/O: Ctrl-C aborts `interrupted` once (a second one ends the process as usual); questions only on a terminal. */
export function processIo(): CliIo {
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  const ask = async (question: string) => {
    const terminal = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await terminal.question(question);
    } finally {
      terminal.close();
    }
  };
  return { stdout: output(process.stdout), stderr: output(process.stderr), env: process.env, fetch: globalThis.fetch, interrupted: interrupt.signal, ...(process.stdin.isTTY ? { ask } : {}) };
}
