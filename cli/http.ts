import type { CliConfig } from './config';
import { CliError, EXIT, type ExitCode } from './exit-codes';

/** How long one call may take before Tandem counts as not answering. */
const CALL_TIMEOUT_MS = 30_000;

/** An answer of /api/v1: its text as sent (what `--json` prints) and the same parsed. */
export interface ApiAnswer<T> {
  readonly text: string;
  readonly json: T;
}

/** A problem+json document as every /api/v1 error is sent (lib/api/problem.ts). */
interface Problem {
  readonly title?: unknown;
  readonly detail?: unknown;
  readonly errors?: unknown;
}

function exitCodeOf(status: number): ExitCode {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  return EXIT.failed;
}

/** The field errors of a problem as lines, `field: message`. */
function fieldLines(errors: unknown): string[] {
  if (typeof errors !== 'object' || errors === null) return [];
  return Object.entries(errors).flatMap(([field, messages]) => (Array.isArray(messages) ? messages.map((message) => `${field}: ${String(message)}`) : []));
}

/**
 * The CLI's one door to Tandem: `Authorization: Bearer` on every call, JSON in and out, and
 * every failure turned into a {@link CliError} with its exit code. The API's answers were
 * parsed with its documented schemas before they left the server, so they are typed here by
 * those schemas (cli/api-types.ts) without being parsed again.
 */
export class ApiClient {
  constructor(
    private readonly config: CliConfig,
    private readonly fetcher: typeof fetch,
    /** Ctrl-C: a call under way is given up. */
    private readonly interrupted: AbortSignal,
  ) {}

  get<T>(path: string): Promise<ApiAnswer<T>> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<ApiAnswer<T>> {
    return this.call<T>('POST', path, body);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const url = `${this.config.url}/api/v1${path}`;
    let response: Response;
    let text: string;
    try {
      response = await this.fetcher(url, {
        method,
        headers: { authorization: `Bearer ${this.config.token}`, accept: 'application/json', 'user-agent': 'tandem-cli', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.any([AbortSignal.timeout(CALL_TIMEOUT_MS), this.interrupted]),
      });
      text = await response.text();
    } catch (error) {
      if (this.interrupted.aborted) throw new CliError(EXIT.interrupted, `Interrupted before Tandem answered ${method} ${path}.`);
      throw new CliError(EXIT.unreachable, `Could not reach Tandem at ${this.config.url}: ${reason(error)}.`);
    }
    const json = parseJson(text);
    if (response.ok) {
      if (json === undefined) throw new CliError(EXIT.unreachable, `${this.config.url} did not answer as Tandem's API does (HTTP ${response.status}, ${response.headers.get('content-type') ?? 'no content type'}).`);
      return { text, json: json as T };
    }
    const problem = typeof json === 'object' && json !== null ? (json as Problem) : undefined;
    if (typeof problem?.detail !== 'string') {
      const gateway = [502, 503, 504].includes(response.status);
      throw new CliError(gateway ? EXIT.unreachable : exitCodeOf(response.status), `${method} ${url} answered HTTP ${response.status} ${response.statusText}${gateway ? ': Tandem behind it does not answer' : ''}.`);
    }
    const title = typeof problem.title === 'string' ? `${problem.title}: ` : '';
    throw new CliError(exitCodeOf(response.status), `${title}${problem.detail}`, fieldLines(problem.errors));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Why a fetch failed, as a person reads it: its cause (`connect ECONNREFUSED …`, `getaddrinfo ENOTFOUND …`, `unexpected redirect`) where it has one. */
function reason(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${CALL_TIMEOUT_MS / 1000} s`;
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
