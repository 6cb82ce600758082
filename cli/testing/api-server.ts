import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteModule } from '@/lib/api/testing/api-call';
import { stampPeer } from '@/lib/server/peer-stamp';
import { asHeaders } from '@/lib/testing/stamped-request';

/** The route files of /api/v1 by their path, `{id}` where Next.js passes a dynamic segment; loaded when the server starts (after a test has set DATABASE_URL). */
const ROUTE_FILES: readonly (readonly [RegExp, () => Promise<RouteModule>])[] = [
  [/^\/clusters$/, () => import('@/app/api/v1/clusters/route')],
  [/^\/clusters\/(?<id>[^/]+)$/, () => import('@/app/api/v1/clusters/[id]/route')],
  [/^\/clusters\/(?<id>[^/]+)\/lag$/, () => import('@/app/api/v1/clusters/[id]/lag/route')],
  [/^\/clusters\/(?<id>[^/]+)\/slots$/, () => import('@/app/api/v1/clusters/[id]/slots/route')],
  [/^\/clusters\/(?<id>[^/]+)\/operations$/, () => import('@/app/api/v1/clusters/[id]/operations/route')],
  [/^\/alerts$/, () => import('@/app/api/v1/alerts/route')],
  [/^\/alerts\/(?<id>[^/]+)\/acknowledge$/, () => import('@/app/api/v1/alerts/[id]/acknowledge/route')],
  [/^\/operations$/, () => import('@/app/api/v1/operations/route')],
  [/^\/operations\/(?<id>[^/]+)$/, () => import('@/app/api/v1/operations/[id]/route')],
  [/^\/hosts$/, () => import('@/app/api/v1/hosts/route')],
];

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * An HTTP server on 127.0.0.1 that hands each request under /api/v1 to its real route
 * handler, as Next.js does: the peer stamped into the headers the way the server stamps
 * it, the path's `id` as the route's params, the handler's response sent back (the event stream, which the CLI does not read, is left out).
 * What the CLI sees is what Tandem sends; only Next.js's routing is replaced.
 */
export async function startApiServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const routes = await Promise.all(ROUTE_FILES.map(async ([pattern, load]) => [pattern, await load()] as const));
  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const found = url.pathname.startsWith('/api/v1/') ? routes.map(([pattern, route]) => ({ match: pattern.exec(path), route })).find(({ match }) => match) : undefined;
    const handler = found?.route[request.method as 'GET' | 'POST'];
    if (!found?.match || !handler) {
      response.writeHead(found ? 405 : 404).end();
      return;
    }
    stampPeer(request);
    const body = request.method === 'POST' ? await readBody(request) : undefined;
    const answer = await handler(new Request(url, { method: request.method, headers: asHeaders(request.headers), body }), { params: Promise.resolve({ ...found.match.groups }) });
    response.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
  };
  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => response.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
