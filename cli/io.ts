/** Where the CLI writes, what it reads from its environment, and how it reaches the network: the process's in use, a test's in tests. */
export interface Output {
  write(text: string): void;
  /** A terminal: live lines are redrawn in place; otherwise every change is a plain line. */
  readonly isTTY: boolean;
  /** The terminal's width, when it is one: a live line longer than it would wrap and not be redrawn. */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch: typeof fetch;
  /** Aborted on Ctrl-C (SIGINT). */
  readonly interrupted: AbortSignal;
  /** Asks a question on the terminal and returns the line typed; absent when stdin is not a terminal. */
  readonly ask?: (question: string) => Promise<string>;
}
