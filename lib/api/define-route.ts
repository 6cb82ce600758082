import 'server-only';
import type { z } from 'zod';
import { can, type Permission } from '@/lib/auth/roles';
import { auditedBy, recordAudit } from '@/lib/db/audit';
import { authenticate, type ApiCaller } from './authenticate';
import { problem, zodFieldErrors } from './problem';
import { chargeApiCall } from './rate-limit';

/** The largest JSON body a route reads; the forms behind them are a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024;

/** A response a route may give, as the OpenAPI document states it. */
export interface ResponseSpec {
  readonly description: string;
  /** The body's schema; every JSON body sent is parsed with it first, so only what it names leaves the server. */
  readonly schema?: z.ZodType;
  /** Another content type than JSON (an event stream). */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

type AnyObject = z.ZodObject;

export interface RouteSpec<P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends z.ZodType | undefined> {
  readonly method: 'GET' | 'POST';
  /** The path under /api/v1, with `{name}` for a path parameter, as in the OpenAPI document. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  /** What the caller's role (the lesser of the token's and its user's) must allow. */
  readonly permission: Permission;
  /** The audit action a refusal for the role is recorded under. */
  readonly audit: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteCall<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly caller: ApiCaller;
  readonly request: Request;
  /** When the request arrived, before the token was read: failover measures its RTO from here. */
  readonly receivedAtMs: number;
}

/** What a handler answers: a status of its spec with a body its schema parses, or a ready response (a problem, a stream). */
export type RouteReply = Response | { readonly status: number; readonly body: unknown; readonly headers?: Record<string, string> };

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

/** A route as defined: its spec for the OpenAPI document and the handler its route file exports. */
export interface ApiRoute {
  readonly spec: RouteSpec<AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined>;
  readonly handle: RouteHandler;
}

async function readBody(request: Request, schema: z.ZodType): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return { ok: false, response: problem(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`) };
  let json: unknown;
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: problem(400, 'The body is not JSON.') };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: problem(422, 'Some fields need attention.', { errors: zodFieldErrors(parsed.error) }) };
}

function send(spec: ApiRoute['spec'], reply: RouteReply): Response {
  if (reply instanceof Response) return reply;
  const schema = spec.responses[reply.status]?.schema;
  if (!schema) throw new Error(`${spec.method} ${spec.path} answered ${reply.status}, which its spec does not name`);
  return Response.json(schema.parse(reply.body), { status: reply.status, headers: { 'cache-control': 'no-store', ...reply.headers } });
}

/**
 * An /api/v1 route handler. Every call is checked here, in this order, before the handler
 * runs: the bearer token (401), the token's rate (429 with Retry-After), the role for
 * `permission` (403, audited like a refused action), the path parameters (404), the query and
 * the JSON body (422 with field errors). Errors are `application/problem+json`; a failure of
 * the handler is a 500 that says nothing of its cause.
 */
export function defineRoute<P extends AnyObject | undefined = undefined, Q extends AnyObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (call: RouteCall<Parsed<P>, Parsed<Q>, Parsed<B>>) => Promise<RouteReply>,
): ApiRoute {
  const handle: RouteHandler = async (request, context) => {
    const receivedAtMs = Date.now();
    const authentication = await authenticate(request);
    if (!authentication.ok) return problem(401, authentication.detail, { headers: { 'www-authenticate': 'Bearer realm="tandem-api", error="invalid_token"' } });
    const { caller } = authentication;
    const wait = chargeApiCall(caller.tokenId, receivedAtMs);
    if (wait !== null) return problem(429, `This token made more than its share of calls; try again in ${wait} s.`, { headers: { 'retry-after': String(wait) } });
    if (!can(caller.role, spec.permission)) {
      await recordAudit({ ...auditedBy(caller.actor), action: spec.audit, summary: `Refused ${spec.audit}: the ${caller.role} role cannot do this`, outcome: 'denied' });
      return problem(403, `This token acts with the ${caller.role} role, which cannot do this.`);
    }
    const params = spec.params ? spec.params.safeParse(await context.params) : null;
    if (params && !params.success) return problem(404, 'There is no such resource.');
    const query = spec.query ? spec.query.safeParse(Object.fromEntries(new URL(request.url).searchParams)) : null;
    if (query && !query.success) return problem(422, 'Some query parameters need attention.', { errors: zodFieldErrors(query.error) });
    const body = spec.body ? await readBody(request, spec.body) : null;
    if (body && !body.ok) return body.response;
    try {
      const reply = await handler({
        params: params?.data as Parsed<P>, query: query?.data as Parsed<Q>, body: (body?.value) as Parsed<B>, caller, request, receivedAtMs,
      });
      return send(spec, reply);
    } catch (error) {
      console.error(`[tandem] ${spec.method} /api/v1${spec.path} failed`, error);
      return problem(500, 'Tandem could not answer this request; its log says why.');
    }
  };
  return { spec, handle };
}
