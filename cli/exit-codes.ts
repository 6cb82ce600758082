/**
 * The exit codes of `tandem`, stable for scripts (the README's CLI section lists them):
 * what the server said decides them, never the CLI's own judgement of a request.
 */
export const EXIT = {
  /** Done; a followed operation succeeded. */
  ok: 0,
  /** The server refused (a problem other than below) or a followed operation did not succeed. */
  failed: 1,
  /** The command line or the configuration is wrong; nothing was sent. */
  usage: 2,
  /** 401 or 403: the token is not accepted, or its role cannot do this. */
  auth: 3,
  /** 404: no such cluster, operation or resource. */
  notFound: 4,
  /** Tandem did not answer (connection refused, DNS, timeout, a proxy's 502/503/504, not Tandem's API). */
  unreachable: 5,
  /** Ctrl-C while following an operation: it goes on on the server. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as its lines on stderr and ends with `exitCode`. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }

  /** The text written to stderr. */
  get text(): string {
    return [`tandem: ${this.message}`, ...this.details.map((line) => `  ${line}`)].join('\n') + '\n';
  }
}
