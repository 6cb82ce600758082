import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Service = {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
};

const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const dockerfile = readFileSync('Dockerfile', 'utf8');

describe('docker-compose.yml (Docker cannot run here, so its promises are checked as data)', () => {
  const { tandem, db } = compose.services;

  it('builds Tandem from the repository Dockerfile and publishes port 3000', () => {
    expect(tandem?.build).toBe('.');
    expect(tandem?.ports).toContain('3000:3000');
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(dockerfile).toMatch(/^CMD \["node_modules\/\.bin\/next", "start", "-p", "3000"\]$/m);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/prisma \.\/prisma/);
  });

  it('wires DATABASE_URL to the PostgreSQL 15 service with the same credentials', () => {
    expect(db?.image).toBe('postgres:15');
    const url = new URL((tandem?.environment?.DATABASE_URL ?? '').replace(/\$\{POSTGRES_PASSWORD[^}]*\}/, 'pw'));
    expect(url.protocol).toBe('postgresql:');
    expect(url.hostname).toBe('db');
    expect(url.port).toBe('5432');
    expect(url.username).toBe(db?.environment?.POSTGRES_USER);
    expect(url.pathname).toBe(`/${db?.environment?.POSTGRES_DB}`);
    expect(db?.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('requires the secret key from the environment instead of baking one in', () => {
    expect(tandem?.environment?.TANDEM_SECRET_KEY).toMatch(/^\$\{TANDEM_SECRET_KEY:\?/);
    expect(dockerfile).not.toMatch(/TANDEM_SECRET_KEY/);
  });

  it('keeps the database on a named volume and starts Tandem after it is healthy', () => {
    expect(db?.volumes).toContain('tandem-db:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toContain('tandem-db');
    expect(db?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(tandem?.depends_on?.db?.condition).toBe('service_healthy');
    expect(tandem?.healthcheck?.test.join(' ')).toContain('/api/health');
  });
});
