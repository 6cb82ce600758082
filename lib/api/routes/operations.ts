import 'server-only';
import { findCluster } from '@/lib/db/clusters';
import { activeOperationId, findOperation, listOperations, operationReader } from '@/lib/db/operations-read';
import { defineRoute } from '../define-route';
import { problem } from '../problem';
import { idParams } from '../schemas/common';
import { operationListSchema, operationSchema, operationsQuery, startedSchema, startOperationBody } from '../schemas/operations';
import { startFromApi } from '../start-operation';
import { COMMON_PROBLEMS, CONFLICT, FORBIDDEN, INVALID, NOT_FOUND } from './responses';

export const listOperationsRoute = defineRoute(
  {
    method: 'GET', path: '/operations', tag: 'operations', summary: 'Operations, newest first', permission: 'read', audit: 'api.operations.read', query: operationsQuery,
    responses: { 200: { description: 'The operations (never their params)', schema: operationListSchema }, ...COMMON_PROBLEMS, ...INVALID },
  },
  async ({ query }) => ({ status: 200, body: { operations: await listOperations({ clusterId: query.cluster, limit: query.limit }) } }),
);

export const operationRoute = defineRoute(
  {
    method: 'GET', path: '/operations/{id}', tag: 'operations', summary: 'One operation with its steps',
    description: 'Commands are as run with secrets redacted; a restricted step\'s (routing hooks\') commands and output only for a token acting as an admin.',
    permission: 'read', audit: 'api.operations.read', params: idParams,
    responses: { 200: { description: 'The operation', schema: operationSchema }, ...COMMON_PROBLEMS, ...NOT_FOUND },
  },
  async ({ params, caller }) => {
    const operation = await findOperation(params.id, operationReader(caller.role));
    return operation ? { status: 200, body: operation } : problem(404, 'There is no such operation.');
  },
);

export const startOperationRoute = defineRoute(
  {
    method: 'POST', path: '/clusters/{id}/operations', tag: 'operations', summary: 'Start an operation on the cluster',
    description: 'The same guard rails as the cluster page: a promote needs `confirm` equal to the cluster\'s name and a `reason`, an override of the lag guard the bytes at risk; refusals are audited. 202 once the operation is recorded; follow it at Location.',
    permission: 'operations.run', audit: 'api.operations.start', params: idParams, body: startOperationBody,
    responses: {
      202: { description: 'Started', schema: startedSchema, headers: { Location: 'The operation: /api/v1/operations/{operationId}' } },
      ...COMMON_PROBLEMS, ...FORBIDDEN, ...NOT_FOUND, ...CONFLICT, ...INVALID,
    },
  },
  async ({ params, body, caller, receivedAtMs }) => {
    if (!(await findCluster(params.id))) return problem(404, 'There is no such cluster.');
    const outcome = await startFromApi(params.id, body, caller.actor, receivedAtMs);
    if (!outcome.ok) return problem((await activeOperationId(params.id)) === null ? 422 : 409, outcome.message, { errors: outcome.errors });
    const location = `/api/v1/operations/${outcome.operationId}`;
    return { status: 202, body: { operationId: outcome.operationId, location }, headers: { location } };
  },
);
