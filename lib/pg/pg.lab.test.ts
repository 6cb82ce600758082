import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heal, partition } from '../../lab/client';
import { SshPool } from '../ssh/pool';
import { sh } from '../ssh/shell';
import type { SshTarget } from '../ssh/target';
import { LabTargets } from '../ssh/testing/lab-targets';
import { PgError } from './errors';
import { openManagedClient, withManagedClient, type ManagedPgTarget } from './managed-client';
import { psqlOverSsh, type PsqlOptions } from './psql-over-ssh';
import { scramSha256Verifier } from './scram';
import { sql, type SqlText } from './sql';

const pool = new SshPool({ idleMs: 0 });
const role = `tandem_labtest_${randomBytes(4).toString('hex')}`;
const password = `Pw-${randomBytes(12).toString('base64url')}'\\`;
const marker = `# ${role}`;
let lab: LabTargets;
let hbaFile = '';

const root = (name = 'pg1'): SshTarget => lab.target(name);
const psql = (text: SqlText, options: PsqlOptions = {}): ReturnType<typeof psqlOverSsh> => psqlOverSsh(root(), text, { pool, ...options });

function direct(overrides: Partial<ManagedPgTarget> = {}, name = 'pg1'): ManagedPgTarget {
  const host = lab.host(name);
  return { host: host.address, port: host.pgPort, database: 'postgres', user: role, password, via: 'direct', connectTimeoutMs: 5_000, ...overrides };
}

async function pgError(promise: Promise<unknown>): Promise<PgError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(PgError);
  return error as PgError;
}

beforeAll(async () => {
  lab = new LabTargets();
  await psql(sql`CREATE ROLE :"role" LOGIN PASSWORD :'verifier'`, { params: { role }, secretParams: { verifier: scramSha256Verifier(password) } });
  hbaFile = (await psql(sql`SHOW hba_file`)).rows[0]?.hba_file ?? '';
  expect(hbaFile).toMatch(/^\/etc\/postgresql\/.+\/pg_hba\.conf$/);
  const line = `host all ${role} 10.88.0.1/32 scram-sha-256 ${marker}`;
  const added = await pool.exec(root(), sh`printf '%s\n' ${line} >> ${hbaFile}`, { as: 'root' });
  expect(added.code).toBe(0);
  await psql(sql`SELECT pg_reload_conf()`);
});

afterAll(async () => {
  try {
    if (hbaFile !== '') {
      await pool.exec(root(), sh`sed -i -- ${`/ ${marker}$/d`} ${hbaFile}`, { as: 'root' });
      await psql(sql`SELECT pg_reload_conf()`);
    }
    await psql(sql`DROP ROLE IF EXISTS :"role"`, { params: { role } });
  } finally {
    pool.closeAll();
  }
});

describe('psql over SSH', () => {
  const hostile = ["it's", "''", '\\', 'back\\slash\\n', 'l1\nl2\r\nl3', "\t", ":'x'", ':"x"', ':x', '`id`', '$(id)', '\\set x y', "'; DROP ROLE x; --", 'héllo ✓ 日本 🐘', '', ' ', ',', '"', 'x'.repeat(10_000)];

  it('round-trips hostile parameter values through select :\'p\'', async () => {
    for (const value of hostile) {
      const result = await psql(sql`select :'p' as v`, { params: { p: value } });
      expect(result.columns).toEqual(['v']);
      expect(result.rows).toEqual([{ v: value }]);
    }
  });

  it('quotes identifiers with :"name" and tells NULL from the empty string', async () => {
    const result = await psql(sql`select 1 as :"ident", null as n, '' as e`, { params: { ident: 'We"ird, name\n🐘' } });
    expect(result.columns).toEqual(['We"ird, name\n🐘', 'n', 'e']);
    expect(result.rows).toEqual([{ 'We"ird, name\n🐘': '1', n: null, e: '' }]);
  });

  it('returns many rows and an empty result', async () => {
    expect((await psql(sql`select g from generate_series(1, 1000) g`)).rows).toHaveLength(1000);
    expect(await psql(sql`select 1 as one where false`)).toMatchObject({ columns: ['one'], rows: [] });
    expect(await psql(sql`create temporary table t (x int); insert into t values (1)`)).toMatchObject({ columns: [], rows: [] });
  });

  it('surfaces the server message and SQLSTATE of an SQL error', async () => {
    const error = await pgError(psql(sql`select * from no_such_table_here`));
    expect(error.code).toBe('sql-error');
    expect(error.details.sqlState).toBe('42P01');
    expect(error.message).toContain('relation "no_such_table_here" does not exist');
  });

  it('keeps secret parameters out of error messages', async () => {
    const secret = "s3cret-'quoted'-value";
    const error = await pgError(psql(sql`select :'pw' +`, { secretParams: { pw: secret } }));
    expect(error.code).toBe('sql-error');
    expect(`${error.message} ${JSON.stringify(error.details)}`).not.toContain('s3cret');
  });

  it('says so when the database does not exist', async () => {
    expect((await pgError(psql(sql`select 1`, { database: 'no_such_db' }))).code).toBe('database-missing');
  });
});

describe('managed client', () => {
  it('connects directly over TCP with a password, with Tandem’s session settings', async () => {
    const row = await withManagedClient(direct(), async (client) => {
      const result = await client.query<{ who: string; app: string; st: string; lt: string }>(
        `select current_user as who, current_setting('application_name') as app,
                current_setting('statement_timeout') as st, current_setting('lock_timeout') as lt`);
      return result.rows[0];
    });
    expect(row).toEqual({ who: role, app: 'tandem', st: '15s', lt: '5s' });
  });

  it('connects through an SSH tunnel to 127.0.0.1 on the host', async () => {
    const target = direct({ via: 'ssh-tunnel', host: '127.0.0.1', ssh: root() });
    const client = await openManagedClient(target, { pool });
    try {
      const result = await client.query<{ addr: string; n: number }>('select host(inet_client_addr()) as addr, $1::int + 1 as n', [41]);
      expect(result.rows[0]).toEqual({ addr: '127.0.0.1', n: 42 });
    } finally {
      await client.end();
    }
  });

  it('reports a wrong password clearly, without the password', async () => {
    const wrong = 'not-the-password-123';
    for (const target of [direct({ password: wrong }), direct({ password: wrong, via: 'ssh-tunnel', host: '127.0.0.1', ssh: root() })]) {
      const error = await pgError(openManagedClient(target, { pool }));
      expect(error.code).toBe('auth-failed');
      expect(error.message).toMatch(/rejected the password/);
      expect(`${error.message} ${error.hint} ${JSON.stringify(error.details)}`).not.toContain(wrong);
    }
  });

  it('names a missing pg_hba.conf entry', async () => {
    const error = await pgError(openManagedClient(direct({ user: 'postgres' })));
    expect(error.code).toBe('no-hba-entry');
    expect(error.hint).toMatch(/pg_hba\.conf/);
  });

  it('says when nothing listens on the port', async () => {
    expect((await pgError(openManagedClient(direct({ port: 5499 })))).code).toBe('refused');
  });

  it('gives up on a partitioned host within the connect timeout', async () => {
    await partition('pg2');
    try {
      const started = Date.now();
      const error = await pgError(openManagedClient(direct({ connectTimeoutMs: 1_500 }, 'pg2')));
      expect(['timeout', 'unreachable']).toContain(error.code);
      expect(Date.now() - started).toBeLessThan(1_500 + 1_500);
    } finally {
      await heal('pg2');
    }
  });
});
