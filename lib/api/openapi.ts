import 'server-only';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import type { ApiRoute, ResponseSpec } from './define-route';
import { acknowledgeAlertRoute, listAlertsRoute } from './routes/alerts';
import { clusterLagRoute, clusterRoute, clusterSlotsRoute, listClustersRoute } from './routes/clusters';
import { eventsRoute } from './routes/events';
import { listHostsRoute } from './routes/hosts';
import { listOperationsRoute, operationRoute, startOperationRoute } from './routes/operations';

/** Every /api/v1 route but the document itself; a route file that exports a handler not listed here fails the OpenAPI test. */
export const API_ROUTES: readonly ApiRoute[] = [
  listClustersRoute, clusterRoute, clusterLagRoute, clusterSlotsRoute, startOperationRoute,
  listAlertsRoute, acknowledgeAlertRoute, listOperationsRoute, operationRoute, eventsRoute, listHostsRoute,
];

export const OPENAPI_PATH = '/openapi.json';

function responses(specs: Readonly<Record<number, ResponseSpec>>): ZodOpenApiResponsesObject {
  return Object.fromEntries(
    Object.entries(specs).map(([status, spec]) => [status, {
      description: spec.description,
      ...(spec.schema ? { content: { [spec.contentType ?? 'application/json']: { schema: spec.schema } } } : {}),
      ...(spec.headers ? { headers: Object.fromEntries(Object.entries(spec.headers).map(([name, description]) => [name, { description, schema: { type: 'string' as const } }])) } : {}),
    }]),
  );
}

/** `GET /clusters/{id}/lag` → `getClustersIdLag`. */
function operationId(method: string, path: string): string {
  const words = path.split(/[/{}-]+/).filter(Boolean);
  return method.toLowerCase() + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const { spec } = route;
  return {
    operationId: operationId(spec.method, spec.path),
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    'x-tandem-permission': spec.permission,
    requestParams: { ...(spec.params ? { path: spec.params } : {}), ...(spec.query ? { query: spec.query } : {}) },
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
    responses: responses(spec.responses),
  };
}

/**
 * The OpenAPI 3.1 document of /api/v1, made from the routes' own specs: the same zod schemas
 * that parse each route's path, query and body and each JSON answer it sends.
 */
export function openApiDocument(serverUrl: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of API_ROUTES) paths[route.spec.path] = { ...paths[route.spec.path], [route.spec.method.toLowerCase()]: operation(route) };
  paths[OPENAPI_PATH] = {
    get: {
      operationId: 'getOpenapiJson', tags: ['meta'], summary: 'This document', security: [],
      responses: { 200: { description: 'The OpenAPI 3.1 document', content: { 'application/json': { schema: z.looseObject({ openapi: z.string() }) } } } },
    },
  };
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Tandem API', version: '1',
      description: 'Tandem\'s REST API: clusters, lag, slots, alerts, operations and the host inventory. Authenticate with a personal API token (Settings → API tokens) as `Authorization: Bearer tdm_…`; a token acts with the lesser of its own role and its user\'s. Errors are RFC 9457 problem documents.',
    },
    servers: [{ url: new URL('/api/v1', serverUrl).toString() }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A Tandem API token, `tdm_…`' } } },
    paths,
  });
}
