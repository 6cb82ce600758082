import type { RouteHandler } from '@/lib/api/define-route';
import { stampedHeaders } from '@/lib/testing/stamped-request';

/** The route files of /api/v1 by their path under it, each as its module (GET, POST, …). */
export type RouteModule = Partial<Record<'GET' | 'POST', RouteHandler>>;

/**
 * Calls a route handler as Next.js would for `path` under /api/v1 (`params` are the path's
 * dynamic segments): `token` as a bearer token, a JSON `body` (or a raw `text` one) for a POST, from 203.0.113.9.
 */
export async function callApi(
  route: RouteModule,
  method: 'GET' | 'POST',
  path: string,
  { token, body, text, params = {}, signal }: { token?: string; body?: unknown; text?: string; params?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  const handler = route[method];
  if (!handler) throw new Error(`the route of ${path} has no ${method}`);
  const headers = stampedHeaders('203.0.113.9', token === undefined ? {} : { authorization: `Bearer ${token}` });
  const sent = text ?? (body === undefined ? undefined : JSON.stringify(body));
  if (sent !== undefined) headers.set('content-type', 'application/json');
  const request = new Request(`http://tandem.test/api/v1${path}`, { method, headers, body: sent, signal });
  return handler(request, { params: Promise.resolve(params) });
}
