import type { LookupAddress } from 'node:dns';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { allowListFrom } from './webhook-address';

/** The resolver as the tests script it: each host's answer, and every lookup asked. */
const dns = vi.hoisted(() => ({ answers: new Map<string, LookupAddress[]>(), asked: [] as string[] }));
vi.mock('node:dns/promises', () => ({
  lookup: async (host: string) => {
    dns.asked.push(host);
    const answer = dns.answers.get(host);
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return answer;
  },
}));

const { postWebhook } = await import('./webhook-post');

const requests: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    requests.push({ url: req.url ?? '', headers: req.headers, body });
    res.writeHead(204).end();
  });
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  dns.answers.clear();
  dns.asked.length = 0;
  requests.length = 0;
});

const options = (...entries: string[]) => ({ timeoutMs: 5_000, allowList: async () => allowListFrom(entries) });

describe('postWebhook', () => {
  it('resolves the host once and connects to that address, keeping the host name in the Host header', async () => {
    dns.answers.set('chat.corp.example', [{ address: '127.0.0.1', family: 4 }]);
    const result = await postWebhook(`http://chat.corp.example:${port}/hooks/abc?token=t`, '{"a":1}', options('127.0.0.0/8'));
    expect(result).toMatchObject({ ok: true, httpStatus: 204, error: null });
    expect(dns.asked).toEqual(['chat.corp.example']);
    expect(requests).toEqual([{ url: '/hooks/abc?token=t', headers: expect.objectContaining({ host: `chat.corp.example:${port}`, 'content-type': 'application/json' }), body: '{"a":1}' }]);
  });

  it('sends nothing when any address the host resolves to is denied, naming the host only', async () => {
    dns.answers.set('rebind.example', [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }]);
    const result = await postWebhook(`http://rebind.example:${port}/hooks/secret-path?token=sekrit`, '{}', options());
    expect(result).toMatchObject({ ok: false, httpStatus: null, error: 'rebind.example resolves to 127.0.0.1, a loopback address (127.0.0.0/8); add it to the webhook allow-list in Settings to send webhooks there' });
    expect(result.error).not.toMatch(/secret-path|sekrit/);
    expect(requests).toEqual([]);
  });

  it('reaches an allow-listed host name whatever it resolves to', async () => {
    dns.answers.set('mattermost.corp', [{ address: '127.0.0.1', family: 4 }]);
    expect(await postWebhook(`http://mattermost.corp:${port}/hooks/x`, '{}', options('mattermost.corp'))).toMatchObject({ ok: true, httpStatus: 204 });
    expect(requests).toHaveLength(1);
  });

  it('does not look up an IP address, and judges it as it is', async () => {
    expect(await postWebhook(`http://127.0.0.1:${port}/x`, '{}', options())).toMatchObject({ ok: false, error: expect.stringMatching(/^127\.0\.0\.1 is a loopback address/) });
    expect(await postWebhook(`http://[::ffff:127.0.0.1]:${port}/x`, '{}', options())).toMatchObject({ ok: false, error: expect.stringMatching(/^\[::ffff:7f00:1\] is a loopback address \(127\.0\.0\.0\/8\)/) });
    expect(await postWebhook(`http://[::1]:${port}/x`, '{}', options())).toMatchObject({ ok: false, error: expect.stringMatching(/^\[::1\] is a loopback address \(::1\/128\)/) });
    expect(await postWebhook(`http://127.0.0.1:${port}/x`, '{}', options('127.0.0.1'))).toMatchObject({ ok: true });
    expect(dns.asked).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('says which host did not resolve, and refuses a stored URL with user info', async () => {
    expect(await postWebhook('https://nowhere.example/hooks/secret-path', '{}', options())).toMatchObject({ ok: false, error: 'Could not resolve nowhere.example (ENOTFOUND)' });
    expect(await postWebhook('https://u:p@hooks.example.com/x', '{}', options())).toMatchObject({ ok: false, error: 'The URL for hooks.example.com carries a user name or password, which Tandem does not send' });
    expect(dns.asked).toEqual(['nowhere.example']);
  });
});
