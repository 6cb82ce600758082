import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { asHeaders } from '@/lib/testing/stamped-request';
import { installPeerStamp, stampedPeer, stampPeer } from './peer-stamp';

describe('the peer stamp', () => {
  it('records the socket peer and overwrites what a client sent under the same names', () => {
    const forged = { headers: { 'x-tandem-peer': '127.0.0.1', 'x-tandem-peer-seal': 'guess' }, socket: { remoteAddress: '198.51.100.4' } };
    stampPeer(forged);
    expect(stampedPeer(asHeaders(forged.headers))).toBe('198.51.100.4');
  });

  it('is not believed without the seal', () => {
    expect(stampedPeer(new Headers({ 'x-tandem-peer': '127.0.0.1' }))).toBeNull();
    expect(stampedPeer(new Headers({ 'x-tandem-peer': '127.0.0.1', 'x-tandem-peer-seal': '0'.repeat(64) }))).toBeNull();
  });

  it("keeps the original peer on Next.js's own relay of a server action", () => {
    const original = { headers: {}, socket: { remoteAddress: '198.51.100.4' } };
    stampPeer(original);
    const relay = { headers: { ...original.headers }, socket: { remoteAddress: '127.0.0.1' } };
    stampPeer(relay);
    expect(stampedPeer(asHeaders(relay.headers))).toBe('198.51.100.4');
  });

  it('stamps requests an HTTP server receives, before its handler runs', async () => {
    installPeerStamp();
    installPeerStamp();
    const server = createServer((request, response) => response.end(stampedPeer(asHeaders(request.headers)) ?? 'none'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const body = await new Promise<string>((resolve, reject) => {
      const call = httpRequest({ port, host: '127.0.0.1', headers: { 'x-tandem-peer': '203.0.113.1', 'x-forwarded-for': '203.0.113.1' } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve(text));
      });
      call.on('error', reject);
      call.end();
    });
    await new Promise((resolve) => server.close(resolve));
    expect(body).toBe('127.0.0.1');
  });
});
