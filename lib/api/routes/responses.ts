import { problemSchema } from '../problem';
import type { ResponseSpec } from '../define-route';

const problemResponse = (description: string): ResponseSpec => ({ description, schema: problemSchema, contentType: 'application/problem+json' });

/** The problems every route may answer with (no or a bad token, too many calls). */
export const COMMON_PROBLEMS = {
  401: problemResponse('No token, or one that is unknown, expired, revoked, or whose user is disabled'),
  429: { ...problemResponse('More calls than the token\'s rate (10 a second, bursts of 30)'), headers: { 'Retry-After': 'Seconds to wait' } },
} as const;

export const FORBIDDEN = { 403: problemResponse('The token\'s role (the lesser of its own and its user\'s) cannot do this') } as const;
export const NOT_FOUND = { 404: problemResponse('No such resource') } as const;
export const INVALID = { 422: problemResponse('The query or body does not parse, or the guard rails refused it; `errors` names the fields') } as const;
export const CONFLICT = { 409: problemResponse('Another operation holds the cluster') } as const;
