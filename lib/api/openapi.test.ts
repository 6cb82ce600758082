import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'f'.repeat(64);

const { GET } = await import('@/app/api/v1/openapi.json/route');

const V1 = path.join(import.meta.dirname, '..', '..', 'app', 'api', 'v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every `method path` the route files under app/api/v1 serve: the folders as an OpenAPI path (`[id]` → `{id}`), the exported method names. */
function routeFiles(): string[] {
  return readdirSync(V1, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'route.ts')
    .flatMap((file) => {
      const folder = path.dirname(file).split(path.sep).filter((part) => part !== '.');
      const apiPath = `/${folder.map((part) => part.replace(/^\[(.+)\]$/, '{$1}')).join('/')}`;
      const source = readFileSync(path.join(V1, file), 'utf8');
      return METHODS.filter((method) => new RegExp(`export (const|async function) ${method}\\b`).test(source)).map((method) => `${method} ${apiPath}`);
    })
    .sort();
}

type Document = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>> };

async function document(): Promise<Document> {
  const response = await GET();
  expect(response.status).toBe(200);
  return (await response.json()) as Document;
}

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await document();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect((await new Validator().validate({ ...doc, paths: { '/x': { get: { responses: { 200: {} } } } } })).valid).toBe(false);
  });

  it('names every route file\'s methods under app/api/v1, and nothing else', async () => {
    const doc = await document();
    const documented = Object.entries(doc.paths).flatMap(([apiPath, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${apiPath}`)).sort();
    expect(routeFiles().length).toBeGreaterThanOrEqual(12);
    expect(documented).toEqual(routeFiles());
  });

  it('documents the problems each route answers with, and only the document itself is open without a token', async () => {
    const doc = await document();
    for (const [apiPath, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (apiPath === '/openapi.json') expect(operation.security).toEqual([]);
        else expect([method, apiPath, Object.keys(operation.responses)]).toEqual([method, apiPath, expect.arrayContaining(['401', '429'])]);
      }
    }
    const start = doc.paths['/clusters/{id}/operations']!.post!;
    expect(Object.keys(start.responses).sort()).toEqual(['202', '401', '403', '404', '409', '422', '429']);
    expect(JSON.stringify(start)).toMatch(/StartPromote/);
  });
});
