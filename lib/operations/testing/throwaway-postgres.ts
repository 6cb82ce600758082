import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

/** Runs a PostgreSQL program as the postgres OS user (lab tests run as root). */
function asPostgres(program: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  execFileSync('runuser', ['-u', 'postgres', '--', `${BIN}/${program}`, ...args], { env, stdio: 'pipe' });
}

/**
 * A PostgreSQL 15 server for Tandem's own database (not a lab host) on 127.0.0.1:`port`,
 * for tests where several Tandem processes share one database, as scripts/with-postgres.sh
 * starts one for the e2e run. `stop()` removes it and its files.
 */
export function startThrowawayPostgres(port: number): { url: string; stop: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-db-'));
  const password = randomBytes(16).toString('hex');
  const pwFile = path.join(dir, 'pw');
  writeFileSync(pwFile, `${password}\n`);
  const postgres = { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
  chownSync(dir, postgres.uid, postgres.gid);
  chownSync(pwFile, postgres.uid, postgres.gid);
  const data = path.join(dir, 'data');
  asPostgres('initdb', ['-D', data, '-U', 'tandem', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8']);
  asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir}`, 'start']);
  asPostgres('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'tandem', 'tandem'], { ...process.env, PGPASSWORD: password });
  return {
    url: `postgresql://tandem:${password}@127.0.0.1:${port}/tandem`,
    stop: () => {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
