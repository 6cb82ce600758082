/**
 * The raw variant: the same work as Tandem's setup of pg1 → pg2, typed as plain commands
 * over SSH, one connection per command, no checks beyond "streaming" at the end. Same end
 * state as Tandem's (settings, pg_hba on both sides, role, slot, passfile, standby settings)
 * except the canary table, which is Tandem's proof, not configuration.
 */
import { randomBytes } from 'node:crypto';
import { labHost } from '@/lab/client';
import { quote, typed, typedAsPostgres, typedStats, typedWaitStreaming } from './typed';

const DATA = '/var/lib/postgresql/15/main';
const AUTO_CONF = `${DATA}/postgresql.auto.conf`;
const HBA = '/etc/postgresql/15/main/pg_hba.conf';
const PASSFILE = '/var/lib/postgresql/15/raw-bench.pgpass';

const psql = (host: string, sql: string) => typedAsPostgres(host, `psql -XAtq -v ON_ERROR_STOP=1 -c ${quote(sql)}`);

/** Runs the raw setup against the lab as it is now: elapsed seconds and SSH commands typed. */
export async function rawSetup(): Promise<{ seconds: number; commands: number }> {
  const pg1 = labHost('pg1').address;
  const pg2 = labHost('pg2').address;
  const password = randomBytes(18).toString('hex');
  const hbaLine = (peer: string) => `host\treplication\treplicator\t${peer}/32\tscram-sha-256`;
  const start = performance.now();
  const before = typedStats.commands;
  // Primary: settings, pg_hba, role, slot.
  await psql('pg1', "ALTER SYSTEM SET max_slot_wal_keep_size = '10GB'");
  await psql('pg1', 'SELECT pg_reload_conf()');
  await typed('pg1', `sed -i ${quote(`1i ${hbaLine(pg2)}`)} ${HBA}`);
  await psql('pg1', 'SELECT pg_reload_conf()');
  await psql('pg1', `CREATE ROLE replicator WITH LOGIN REPLICATION PASSWORD '${password}'`);
  await psql('pg1', "SELECT pg_create_physical_replication_slot('raw_pg2', true)");
  // Replica: passfile, stop, move aside, clone, settings, pg_hba, start.
  await typedAsPostgres('pg2', `umask 077 && cat > ${PASSFILE}`, `*:*:*:replicator:${password}\n`);
  await typed('pg2', 'pg_ctlcluster 15 main stop -m fast');
  await typed('pg2', `mv ${DATA} ${DATA}.raw-old && install -d -o postgres -g postgres -m 0700 ${DATA}`);
  await typedAsPostgres('pg2', `PGPASSFILE=${PASSFILE} pg_basebackup -h ${pg1} -p 5432 -U replicator -D ${DATA} -R -X stream -S raw_pg2 --checkpoint=fast -w -d 'application_name=pg2'`);
  const settings = ["listen_addresses = '*'", "hot_standby = 'on'", "hot_standby_feedback = 'on'", "wal_receiver_status_interval = '1s'"];
  await typedAsPostgres('pg2', `cat >> ${AUTO_CONF}`, `${settings.join('\n')}\n`);
  await typed('pg2', `sed -i ${quote(`1i ${hbaLine(pg1)}`)} ${HBA}`);
  await typed('pg2', 'pg_ctlcluster 15 main start');
  await typedWaitStreaming('pg2');
  return { seconds: (performance.now() - start) / 1000, commands: typedStats.commands - before };
}
