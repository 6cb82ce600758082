import { describe, expect, it } from 'vitest';
import { problem } from '@/lib/api/problem';
import { startOperationBody } from '@/lib/api/schemas/operations';
import { runCli } from './main';
import { fakeIo, type FakeServer } from './testing/fake-io';
import { alertList, clusterList, failedOperation, hostList, runningOperation } from './testing/fixtures';

const ENV = { TANDEM_URL: 'https://tandem.example.com/', TANDEM_TOKEN: 'tdm_000000000000_secret' };

/** A Tandem answering GET /clusters and GET /hosts, 202 for a start, and `other` for anything else. */
function tandem(other: FakeServer = () => problem(404, 'There is no such resource.')): FakeServer {
  return (request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/clusters') return Response.json(clusterList);
    if (path === '/api/v1/hosts') return Response.json(hostList);
    if (request.method === 'POST' && path === '/api/v1/clusters/1/operations') return Response.json({ operationId: 7, location: '/api/v1/operations/7' }, { status: 202 });
    return other(request);
  };
}

async function run(argv: string[], server: FakeServer = tandem(), options: Parameters<typeof fakeIo>[2] = {}, env: Record<string, string> = ENV) {
  const fake = fakeIo(env, server, options);
  const code = await runCli(argv, fake.io);
  return { code, ...fake.printed, requests: fake.requests };
}

describe('tandem\'s command line', () => {
  it('refuses a usage error with exit 2 before sending anything', async () => {
    for (const [argv, message] of [
      [['switchover', 'orders', '--reason', 'kernel'], /required option '--to <host>' not specified/],
      [['promote', 'orders', '--to', 'pg2', '--reason', 'pg1 lost'], /required option '--confirm <cluster>' not specified/],
      [['promote', 'orders', '--to', 'pg2', '--reason', 'r', '--confirm', 'orders', '--override-bytes', '16MiB'], /give the bytes at risk as a whole number/],
      [['operations', '--follow', '7', '--cluster', 'orders'], /cannot be used with option '--cluster/],
      [['operations', '--follow', 'seven'], /give decimal digits/],
      [['lag'], /missing required argument 'cluster'/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [[], /Usage: tandem/],
    ] as const) {
      const result = await run([...argv]);
      expect(result, argv.join(' ')).toMatchObject({ code: 2, stderr: expect.stringMatching(message), requests: [] });
    }
  });

  it('never takes a token on the command line, where ps shows it', async () => {
    for (const argv of [['--token', 'tdm_x', 'hosts'], ['hosts', '--token=tdm_x']]) {
      expect(await run(argv)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--token is not taken: a token on the command line shows in `ps`'), requests: [] });
    }
  });

  it('exits 2 without a token or an address, saying where to set them', async () => {
    expect(await run(['hosts'], tandem(), {}, { TANDEM_URL: 'https://tandem.example.com' })).toMatchObject({ code: 2, stderr: expect.stringMatching(/^tandem: No API token: set TANDEM_TOKEN, or "token" in \/nonexistent\/\.config\/tandem\/config\.json/), requests: [] });
    expect(await run(['hosts'], tandem(), {}, { TANDEM_TOKEN: 'tdm_x' })).toMatchObject({ code: 2, stderr: expect.stringContaining('Where is Tandem? Set TANDEM_URL'), requests: [] });
    expect(await run(['hosts', '--url', 'ftp://tandem'], tandem(), {}, { TANDEM_TOKEN: 'tdm_x' })).toMatchObject({ code: 2, stderr: expect.stringContaining('is not an http:// or https:// address') });
  });

  it('shows help with exit 0, also for one command', async () => {
    expect(await run(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Exit codes:\n  0    done') });
    expect(await run(['promote', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--acknowledge-down') });
    expect(await run(['help', 'lag'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--watch') });
  });

  it('sends the bearer token to the API under the URL, takes --url and --json after the command, and prints the JSON as sent', async () => {
    const result = await run(['hosts', '--json', '--url', 'http://127.0.0.1:3000']);
    expect(result).toMatchObject({ code: 0, stdout: `${JSON.stringify(hostList)}\n`, stderr: '' });
    expect(result.requests).toEqual([{ method: 'GET', url: 'http://127.0.0.1:3000/api/v1/hosts', authorization: `Bearer ${ENV.TANDEM_TOKEN}`, body: undefined }]);
  });

  it('starts a promote with the body the API parses, naming the cluster by its name, and prints the operation\'s id', async () => {
    const result = await run(['promote', 'orders', '--to', 'pg2', '--reason', 'pg1 lost', '--confirm', 'orders', '--acknowledge-down', '--override-bytes', '16777216']);
    expect(result).toMatchObject({ code: 0, stdout: 'Started operation 7 on orders. Follow it with: tandem operations --follow 7\n', stderr: '' });
    const sent = result.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', url: 'https://tandem.example.com/api/v1/clusters/1/operations' });
    expect(sent.body).toEqual({ kind: 'promote', candidate: 'pg2', reason: 'pg1 lost', confirm: 'orders', acknowledgeDown: true, overrideBytes: 16777216 });
    expect(startOperationBody.safeParse(sent.body).success).toBe(true);
    expect((await run(['promote', '1', '--to', 'pg2', '--reason', 'r', '--confirm', 'orders', '--json'])).stdout).toBe('{"operationId":7,"location":"/api/v1/operations/7"}\n');
  });

  it('starts a check, a rejoin and a drill with bodies the API parses, and refuses an unknown rejoin method before sending', async () => {
    const bodies = [];
    for (const argv of [
      ['check', 'orders', '--reason', 'after the kernel update'],
      ['rejoin', 'orders', '--member', 'pg1', '--reason', 'back from maintenance', '--method', 'rewind'],
      ['drill', 'orders', '--to', 'pg2', '--reason', 'quarterly drill', '--confirm', 'orders'],
    ]) {
      const result = await run(argv);
      expect(result, argv.join(' ')).toMatchObject({ code: 0, stdout: 'Started operation 7 on orders. Follow it with: tandem operations --follow 7\n' });
      bodies.push(result.requests.at(-1)!.body);
    }
    expect(bodies).toEqual([
      { kind: 'check', reason: 'after the kernel update' },
      { kind: 'rejoin', member: 'pg1', reason: 'back from maintenance', method: 'rewind' },
      { kind: 'drill', candidate: 'pg2', reason: 'quarterly drill', confirm: 'orders' },
    ]);
    expect(bodies.every((body) => startOperationBody.safeParse(body).success)).toBe(true);
    expect(await run(['rejoin', 'orders', '--member', 'pg1', '--reason', 'r', '--method', 'magic'])).toMatchObject({ code: 2, stderr: expect.stringContaining('give one of auto, rewind, rebuild, backup'), requests: [] });
  });

  it('acknowledges an alert with its comment and names it; a bad id is a usage error', async () => {
    const [open] = alertList.alerts;
    if (!open) throw new Error('fixture has no alert');
    const acknowledged = { ...open, acknowledgedAt: '2026-12-04T10:01:00.000Z', acknowledgedBy: 'oncall@example.com', ackComment: 'looking' };
    const result = await run(['alerts', 'ack', String(open.id), '--comment', 'looking'], tandem((request) => (request.method === 'POST' ? Response.json(acknowledged) : problem(404, 'no'))));
    expect(result).toMatchObject({ code: 0, stdout: `Acknowledged alert ${open.id}: ${open.summary}\n`, stderr: '' });
    expect(result.requests.at(-1)).toMatchObject({ method: 'POST', url: `https://tandem.example.com/api/v1/alerts/${open.id}/acknowledge`, body: { comment: 'looking' } });
    expect(await run(['alerts', 'ack', 'x1', '--comment', 'c'])).toMatchObject({ code: 2, stderr: expect.stringContaining('decimal digits'), requests: [] });
  });

  it('asks for the typed cluster name of a switchover on a terminal, and leaves it to the server otherwise', async () => {
    const questions: string[] = [];
    const asked = await run(['switchover', 'orders', '--to', 'pg2', '--reason', 'kernel'], tandem(), { ask: async (question) => (questions.push(question), 'orders') });
    expect(questions).toEqual(['Type the cluster\'s name (orders) to switch over to pg2: ']);
    expect(asked.requests.at(-1)!.body).toEqual({ kind: 'switchover', candidate: 'pg2', reason: 'kernel', confirm: 'orders' });
    const refusal: FakeServer = () => problem(422, 'Type the cluster name, orders, to confirm.', { errors: { confirm: ['Type the cluster name, orders, to confirm.'] } });
    const piped = await run(['switchover', 'orders', '--to', 'pg2', '--reason', 'kernel'], (request) => (request.method === 'POST' ? refusal(request) : tandem()(request)));
    expect(piped.requests.at(-1)!.body).toEqual({ kind: 'switchover', candidate: 'pg2', reason: 'kernel', confirm: '' });
    expect(piped).toMatchObject({ code: 1, stdout: '', stderr: 'tandem: Unprocessable content: Type the cluster name, orders, to confirm.\n  confirm: Type the cluster name, orders, to confirm.\n' });
  });

  it('gives the documented exit code for each answer of the server', async () => {
    const cases: [FakeServer, number, string][] = [
      [() => problem(401, 'This API token (ci) was revoked.'), 3, 'tandem: Unauthorized: This API token (ci) was revoked.\n'],
      [() => problem(403, 'This token acts with the viewer role, which cannot do this.'), 3, 'tandem: Forbidden: This token acts with the viewer role, which cannot do this.\n'],
      [() => problem(404, 'There is no such operation.'), 4, 'tandem: Not found: There is no such operation.\n'],
      [() => problem(409, 'Operation 3 is already running on this cluster.'), 1, 'tandem: Conflict: Operation 3 is already running on this cluster.\n'],
      [() => problem(429, 'This token made more than its share of calls; try again in 2 s.'), 1, 'tandem: Too many requests: This token made more than its share of calls; try again in 2 s.\n'],
      [() => problem(500, 'Tandem could not answer this request; its log says why.'), 1, 'tandem: Internal server error: Tandem could not answer this request; its log says why.\n'],
      [() => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }), 5, 'tandem: GET https://tandem.example.com/api/v1/hosts answered HTTP 502 Bad Gateway: Tandem behind it does not answer.\n'],
      [() => new Response('<html>sign in</html>', { status: 200, headers: { 'content-type': 'text/html' } }), 5, 'tandem: https://tandem.example.com did not answer as Tandem\'s API does (HTTP 200, text/html).\n'],
      [() => Promise.reject(new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND tandem.example.com') })), 5, 'tandem: Could not reach Tandem at https://tandem.example.com: getaddrinfo ENOTFOUND tandem.example.com.\n'],
    ];
    for (const [server, code, stderr] of cases) expect(await run(['hosts'], server)).toMatchObject({ code, stderr, stdout: '' });
  });

  it('follows an operation until it ends: a live line on a terminal, exit 1 when it failed', async () => {
    const answers = [runningOperation, failedOperation];
    const result = await run(['operations', '--follow', '42'], () => Response.json(answers.shift() ?? failedOperation), { tty: true });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('step 1/3 [pg1] Preflight: succeeded — All checks passed.\n');
    expect(result.stdout).toMatch(/\r\x1b\[Koperation 42 add-replica running: step 2\/3 \[pg4\] Base backup, .+ — 37% of 4 GiB, 1\.5 GiB done, ETA 1 min 5 s\r\x1b\[K/);
    expect(result.stdout).toMatch(/Operation 42 \(add-replica on orders\) failed: Step 2 failed\.\n {2}failed: step 2\/3 \[pg4\] Base backup — pg_basebackup exited with 1\n/);
  });

  it('keeps following while Tandem does not answer for a moment (an instance restarting)', async () => {
    const answers: (() => Response)[] = [() => new Response('', { status: 503, statusText: 'Service Unavailable' }), () => Response.json(failedOperation)];
    const result = await run(['operations', '--follow', '42'], () => answers.shift()!());
    expect(result).toMatchObject({ code: 1, stderr: '', stdout: expect.stringContaining('Operation 42 (add-replica on orders) failed') });
  });

  it('stops following on Ctrl-C with exit 130, leaving the operation to run; a lag watch ends with 0', async () => {
    const fake = fakeIo(ENV, tandem(() => Response.json(runningOperation)));
    const following = runCli(['operations', '--follow', '42'], fake.io);
    await new Promise((resolve) => setTimeout(resolve, 100));
    fake.interrupt.abort();
    expect(await following).toBe(130);
    expect(fake.printed.stderr).toBe('tandem: stopped following; operation 42 goes on in Tandem (tandem operations --follow 42).\n');

    const detail = { ...clusterList.clusters[0], monitored: true, statesFrom: { kind: 'direct' }, members: [], replicas: [] };
    const watch = fakeIo(ENV, tandem(() => Response.json(detail)));
    const watching = runCli(['lag', 'orders', '--watch'], watch.io);
    await new Promise((resolve) => setTimeout(resolve, 100));
    watch.interrupt.abort();
    expect(await watching).toBe(0);
    expect(watch.printed.stdout).toMatch(/^Lag of orders at \d\d:\d\d:\d\d UTC, every 2 s \(Ctrl-C to stop\)\n\nCluster orders has no replicas\.\n\n$/);
  });
});
