import type { Step } from '@/lib/replication/engine/types';
import { planRejoin, type RejoinMode } from '../plan-rejoin';
import { CREATE_SLOT_SQL } from '../steps/repoint';
import { keepWalSql } from '../steps/standby';
import { member, ordersCluster } from './failover-fixture';
import type { MemoryRecorder } from './memory-recorder';
import { RUN_STARTED_MS } from './run-steps';
import { exit, ok, pgNotRunning, type ScriptedHost, type ShellAnswer, type SqlCall } from './scripted-host';

/** pg_controldata of a cleanly stopped PostgreSQL 15 with data checksums, on timeline 1 with 16 MiB segments. */
const CONTROLDATA_OUT = "pg_control version number:            1300\nDatabase cluster state:               shut down\nLatest checkpoint's TimeLineID:       1\nwal_log_hints setting:                off\nBytes per WAL segment:                16777216\nData page checksum version:           1\n";
/** pg2's history since its promote: it left timeline 1 at 0/3000160. */
export const PG2_HISTORY = '1\t0/3000160\tno recovery target specified\n';
/** What the measure before the WAL copy prints on pg1 by default: 48 MiB to copy, 10 GiB free. */
const ROOMY = `${48 * 1024 * 1024} ${10 * 1024 * 1024 * 1024}\n`;
const HBA = '/etc/postgresql/15/main/pg_hba.conf';

export interface RejoinScript {
  /** What pg_rewind answers. */
  readonly rewind?: ShellAnswer;
  /** pg_controldata's output on pg1. */
  readonly controldata?: string;
  /** pg1 is already configured as a standby of pg2 (a resume after its rewind). */
  readonly configured?: boolean;
  /** pg1 runs (started by hand after its fence): the stop step stops it. */
  readonly running?: boolean;
  /** What `cat` of pg2's timeline history answers. */
  readonly history?: ShellAnswer;
  /** What the measure before the WAL copy prints: `<bytes to copy> <bytes free>`. */
  readonly room?: string;
}

/**
 * pg1, the fenced old primary (stopped by its fence), rejoining pg2: each step's commands
 * answer as on a healthy host, with the member's state (configured, running, streaming) and
 * pg2's pg_hba.conf following what ran.
 */
export function scriptRejoin(host: ScriptedHost, options: RejoinScript = {}) {
  const state = { configured: options.configured ?? false, running: options.running ?? false, hba: `local all postgres peer\nhost replication replicator 10.88.0.11/32 scram-sha-256 # tandem:orders\n` };
  host.onShell('pg1', /pg_controldata -D/, exit(0, options.controldata ?? CONTROLDATA_OUT));
  host.onShell('pg1', /^set -e\numask 077\n/, exit(0));
  host.onShell('pg1', "stat -c %a -- '/var/lib/postgresql/15/tandem-orders.pgpass'", exit(0, '600\n'));
  host.onShell('pg1', "pg_ctlcluster '15' 'main' status >/dev/null 2>&1; test $? -eq 3", () => exit(state.running ? 1 : 0));
  host.onShell('pg1', /^test -f '\/var\/lib\/postgresql\/15\/main\/standby\.signal' && grep/, () => exit(state.configured ? 0 : 1));
  host.onSql('pg1', keepWalSql(15), [{ pg_reload_conf: 't' }]);
  host.onShell('pg1', "pg_ctlcluster '15' 'main' stop -m fast", () => { state.running = false; return exit(0); });
  host.onShell('pg1', /^test -f '\/var\/lib\/postgresql\/15\/main\.tandem-rewind-20250101T120000Z\/README' \|\| \{ test -f/, () => exit(state.configured ? 0 : 1));
  host.onSql('pg2', 'SELECT timeline_id FROM pg_control_checkpoint()', [{ timeline_id: '2' }]);
  host.onShell('pg2', "cat -- '/var/lib/postgresql/15/main/pg_wal/00000002.history'", options.history ?? exit(0, PG2_HISTORY));
  host.onShell('pg1', /^set -e\ncd -- '\/var\/lib\/postgresql\/15\/main\/pg_wal'\nneed=/, exit(0, options.room ?? ROOMY));
  host.onShell('pg1', /^set -e\numask 077\nmkdir -p -- /, exit(0, "kept 49160 KiB in '/var/lib/postgresql/15/main.tandem-rewind-20250101T120000Z'\n"));
  host.onShell('pg1', /pg_rewind -D/, options.rewind ?? exit(0));
  host.onShell('pg1', /^set -e\nsed -i /, () => { state.configured = true; return exit(0); });
  host.onShell('pg1', "pg_ctlcluster '15' 'main' status", () => exit(state.running ? 0 : 3));
  host.onShell('pg1', /^if \[ ! -f '\/var\/lib\/postgresql\/15\/main\/standby\.signal' \]; then echo 'refusing to start/, () => { state.running = true; return exit(0); });
  host.onShell('pg1', /^if \[ -e '\/etc\/postgresql\/15\/main\/start\.conf\.tandem-fence' \]; then mv -f/, exit(0));
  host.onShell('pg1', /^if \[ ! -f '\/var\/lib\/postgresql\/15\/main\.tandem-fence-units' \]; then/, exit(0, "no unit was masked by Tandem's fence\n"));
  host.onSql('pg1', /FROM pg_stat_wal_receiver/, (call: SqlCall) => (state.running ? ok(call.params.sender === '10.88.0.12') : pgNotRunning('pg1')));
  host.onSql('pg1', 'ALTER SYSTEM RESET wal_keep_size;\nSELECT pg_reload_conf();', [{ pg_reload_conf: 't' }]);
  host.onSql('pg2', /^GRANT EXECUTE ON FUNCTION pg_catalog\.pg_ls_dir/, []);
  host.onSql('pg2', "SELECT current_setting('hba_file') AS file", [{ file: HBA }]);
  host.onShell('pg2', `cat -- '${HBA}'`, () => exit(0, state.hba));
  host.onShell('pg2', /pg_hba file changed since it was read/, (call) => { state.hba = call.stdin ?? ''; return exit(0); });
  host.onSql('pg2', 'SELECT pg_reload_conf()', [{ pg_reload_conf: 't' }]);
  host.onSql('pg2', 'CHECKPOINT', []);
  host.onSql('pg2', CREATE_SLOT_SQL, [{ pg_create_physical_replication_slot: '(tandem_pg1,)' }]);
  return state;
}

/** The rejoin of pg1 under pg2, exactly as a rejoin request builds it. */
export function rejoinPlan(recorder: MemoryRecorder, mode: RejoinMode = 'rewind', backupAccess: readonly Step[] = []) {
  const stanza = mode === 'backup' ? { stanza: 'orders' } : {};
  return planRejoin(ordersCluster, { member: member('pg1', 11), upstream: member('pg2', 12), requestedAtMs: RUN_STARTED_MS, mode, stamp: '20250101T120000Z', ...stanza }, recorder, async () => ({ replicationPassword: 'repl-secret' }), backupAccess);
}
