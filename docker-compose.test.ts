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

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
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

describe('the demo profile (three hosts like the lab: Debian, PostgreSQL 15, sshd, a generated key)', () => {
  const demoHost = readFileSync('docker/demo-host/Dockerfile', 'utf8');
  const entrypoint = readFileSync('docker/demo-host/entrypoint.sh', 'utf8');
  const services = compose.services as Record<string, Service & { profiles?: string[]; hostname?: string; command?: string }>;

  it('defines pg1, pg2 and pg3 only under the demo profile, each with its own host name', () => {
    for (const name of ['pg1', 'pg2', 'pg3']) {
      expect(services[name]?.profiles).toEqual(['demo']);
      expect(services[name]?.build).toBe('./docker/demo-host');
      expect(services[name]?.hostname).toBe(name);
      expect(services[name]?.volumes).toContain('demo-keys:/demo-keys:ro');
      expect(services[name]?.depends_on?.['demo-keys']?.condition).toBe('service_completed_successfully');
    }
    expect(services.tandem?.['profiles' as keyof Service]).toBeUndefined();
  });

  it('generates one key pair into a shared volume before the hosts start', () => {
    expect(services['demo-keys']).toMatchObject({ profiles: ['demo'], command: 'keygen', volumes: ['demo-keys:/demo-keys'] });
    expect(Object.keys(compose.volumes)).toContain('demo-keys');
    expect(entrypoint).toMatch(/ssh-keygen -q -t ed25519 -N '' -C tandem-demo -f \/demo-keys\/id_ed25519/);
  });

  it('builds a Debian 12 host with PostgreSQL 15 (checksums on), sshd with fresh host keys, root by key only', () => {
    expect(demoHost).toMatch(/^FROM debian:12-slim$/m);
    expect(demoHost).toMatch(/postgresql-15 openssh-server/);
    expect(demoHost).toMatch(/pg_createcluster 15 main -- --data-checksums/);
    expect(demoHost).toMatch(/rm -f \/etc\/ssh\/ssh_host_\*/);
    expect(demoHost).toMatch(/PermitRootLogin prohibit-password\\nPasswordAuthentication no/);
    expect(entrypoint).toMatch(/^ssh-keygen -A/m);
    expect(entrypoint).toMatch(/^pg_ctlcluster 15 main start$/m);
    expect(entrypoint).toMatch(/^exec \/usr\/sbin\/sshd -D -e$/m);
  });
});
