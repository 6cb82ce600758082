import { z } from 'zod';

/** Problem types are names, not pages (RFC 9457 allows a URI that is not dereferenced); the README's REST API section lists them. */
const TYPE_BASE = 'urn:tandem:problem:';

const TITLES = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Content too large',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
} as const;

export type ProblemStatus = keyof typeof TITLES;

const TYPES: Record<ProblemStatus, string> = {
  400: 'bad-request', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 413: 'too-large', 422: 'invalid', 429: 'rate-limited', 500: 'internal',
};

/** An RFC 9457 problem document, as every /api/v1 error is sent; `errors` are field errors, by field. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `errors` holds field errors by field name.' });

export type FieldErrors = Record<string, string[]>;

/** A `application/problem+json` response; `headers` add to it (Retry-After, WWW-Authenticate). */
export function problem(status: ProblemStatus, detail: string, extra: { errors?: FieldErrors; headers?: Record<string, string> } = {}): Response {
  const body = { type: `${TYPE_BASE}${TYPES[status]}`, title: TITLES[status], status, detail, ...(extra.errors ? { errors: extra.errors } : {}) };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...extra.headers } });
}

/** A zod error's issues as field errors, each field named by its dotted path (`form` for the whole body). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) (errors[issue.path.map(String).join('.') || 'form'] ??= []).push(issue.message);
  return errors;
}
