import type { CliIo } from '../io';

export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | null;
  readonly body: unknown;
}

/** What a fake Tandem answers a request with: a Response, or a thrown error as fetch throws when nothing answers. */
export type FakeServer = (request: SentRequest) => Response | Promise<Response>;

/**
 * The CLI's I/O in memory: `env` as given (nothing of the machine's), `server` in place of the
 * network, what it printed, every request it sent, and `interrupt` for Ctrl-C.
 */
export function fakeIo(env: Record<string, string>, server: FakeServer, options: { tty?: boolean; ask?: (question: string) => Promise<string> } = {}) {
  const printed = { stdout: '', stderr: '' };
  const requests: SentRequest[] = [];
  const interrupt = new AbortController();
  const fetcher = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const request = { method: init?.method ?? 'GET', url: String(input), authorization: headers.get('authorization'), body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined };
    requests.push(request);
    return server(request);
  }) as typeof fetch;
  const io: CliIo = {
    stdout: { write: (text) => void (printed.stdout += text), isTTY: options.tty === true, columns: 120 },
    stderr: { write: (text) => void (printed.stderr += text), isTTY: false },
    env: { HOME: '/nonexistent', ...env },
    fetch: fetcher,
    interrupted: interrupt.signal,
    ...(options.ask ? { ask: options.ask } : {}),
  };
  return { io, printed, requests, interrupt };
}
