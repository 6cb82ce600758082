/**
 * The repmgr variant: Debian's postgresql-15-repmgr, installed once on the machine (the
 * lab hosts share /usr) without starting any service. A minimal repmgr cluster: repmgr
 * superuser and database, pg_hba lines, repmgr.conf per host, `primary register` (timed
 * apart as primary prep); then, timed: stop pg2, move its data aside, `standby clone`,
 * start, wait for streaming (register refuses a standby not yet attached),
 * `standby register`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { labHost } from '@/lab/client';
import { quote, typed, typedAsPostgres, typedWaitStreaming } from './typed';

const DATA = '/var/lib/postgresql/15/main';
const HBA = '/etc/postgresql/15/main/pg_hba.conf';
const CONF = '/etc/postgresql/15/main/repmgr.conf';
const REPMGR = '/usr/lib/postgresql/15/bin/repmgr';
const POLICY = '/usr/sbin/policy-rc.d';
const PASSFILE = '/var/lib/postgresql/15/repmgr.pgpass';
const RUN = `PGPASSFILE=${PASSFILE} ${REPMGR} -f ${CONF}`;

export interface RepmgrTimes {
  readonly primaryPrepSeconds: number;
  readonly replicaSeconds: number;
}

function repmgrdPids(): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,comm='], { encoding: 'utf8' });
  return out.split('\n').filter((line) => /\brepmgrd$/.test(line.trim())).map((line) => line.trim().split(/\s+/)[0] ?? '');
}

/** Installs postgresql-15-repmgr if missing; returns null when usable, else why not. */
export function ensureRepmgr(): string | null {
  if (existsSync(REPMGR)) return null;
  const ownPolicy = !existsSync(POLICY);
  if (ownPolicy) writeFileSync(POLICY, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  const before = new Set(repmgrdPids());
  try {
    execFileSync('apt-get', ['install', '-y', '-q', 'postgresql-15-repmgr'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000,
    });
  } catch (error) {
    return `apt-get install -y postgresql-15-repmgr failed: ${error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error)}`;
  } finally {
    if (ownPolicy) unlinkSync(POLICY);
  }
  for (const pid of repmgrdPids().filter((p) => !before.has(p))) process.kill(Number(pid), 'SIGTERM');
  return existsSync(REPMGR) ? null : `${REPMGR} missing after install`;
}

/** repmgr.conf for lab host pgN, as node N. */
function conf(name: string): string {
  return [
    `node_id=${name.replace(/^pg/, '')}`, `node_name='${name}'`,
    `conninfo='host=${labHost(name).address} user=repmgr dbname=repmgr connect_timeout=2 passfile=${PASSFILE}'`,
    `data_directory='${DATA}'`, `passfile='${PASSFILE}'`, 'use_replication_slots=yes', "pg_bindir='/usr/lib/postgresql/15/bin'",
    "service_start_command='pg_ctlcluster 15 main start'", "service_stop_command='pg_ctlcluster 15 main stop -m fast'", '',
  ].join('\n');
}

/** Runs repmgr with the host's repmgr.conf, as postgres. */
export function repmgr(host: string, args: string): Promise<string> {
  return typedAsPostgres(host, `${RUN} ${args}`);
}

/**
 * A minimal repmgr cluster on `primary`: repmgr superuser and database, and on each host
 * the passfile, pg_hba lines (reloaded) and repmgr.conf; then `primary register`.
 */
export async function prepareRepmgr(primary: string, hosts: readonly string[]): Promise<void> {
  const password = randomBytes(18).toString('hex');
  const pgpass = `*:*:*:repmgr:${password}\n`;
  const hba = `1i host\\treplication\\trepmgr\\t10.88.0.0/24\\tscram-sha-256\\nhost\\trepmgr\\trepmgr\\t10.88.0.0/24\\tscram-sha-256`;
  await typedAsPostgres(primary, `psql -XAtq -v ON_ERROR_STOP=1 -c ${quote(`CREATE ROLE repmgr WITH SUPERUSER LOGIN PASSWORD '${password}'`)} && createdb -O repmgr repmgr`);
  for (const host of hosts) {
    await typedAsPostgres(host, `umask 077 && cat > ${PASSFILE}`, pgpass);
    await typed(host, `sed -i ${quote(hba)} ${HBA} && cat > ${CONF} && chown postgres: ${CONF}`, conf(host));
    await typedAsPostgres(host, "psql -XAtqc 'SELECT pg_reload_conf()'");
  }
  await repmgr(primary, 'primary register');
}

/** Untimed-apart prep on both hosts, then the timed standby side. */
export async function repmgrSetup(): Promise<RepmgrTimes> {
  const pg1 = labHost('pg1').address;
  const prepStart = performance.now();
  await prepareRepmgr('pg1', ['pg1', 'pg2']);
  const primaryPrepSeconds = (performance.now() - prepStart) / 1000;
  const start = performance.now();
  await typed('pg2', 'pg_ctlcluster 15 main stop -m fast');
  await typed('pg2', `mv ${DATA} ${DATA}.repmgr-old && install -d -o postgres -g postgres -m 0700 ${DATA}`);
  await repmgr('pg2', `-h ${pg1} -U repmgr -d repmgr standby clone --fast-checkpoint`);
  await typed('pg2', 'pg_ctlcluster 15 main start');
  await typedWaitStreaming('pg2');
  await repmgr('pg2', 'standby register');
  return { primaryPrepSeconds, replicaSeconds: (performance.now() - start) / 1000 };
}
