import { CANARY_SQL, PROMOTE_SQL, RESET_SYNC_SQL } from '../steps/promote';
import { ok, type ScriptedHost } from './scripted-host';

export interface PromotableOptions {
  /** What `synchronous_standby_names` holds when it is promoted (the base backup copies the primary's). */
  readonly synchronousStandbyNames?: string;
  /** Its received and replayed WAL position. */
  readonly lsn?: string;
  /** Whether the canary write commits after the promotion. */
  readonly canaryCommits?: boolean;
}

/** The candidate's state as the script changes it. */
export interface PromotableState {
  inRecovery: boolean;
  synchronousStandbyNames: string;
}

/**
 * Scripts `name` as a caught-up standby that `pg_promote` turns into a primary: in recovery
 * until the promote answers, then not; `synchronous_standby_names` as given until the reset.
 */
export function scriptPromotable(host: ScriptedHost, name: string, options: PromotableOptions = {}): PromotableState {
  const state: PromotableState = { inRecovery: true, synchronousStandbyNames: options.synchronousStandbyNames ?? '' };
  const lsn = options.lsn ?? '0/3000060';
  host.onSql(name, 'SELECT NOT pg_is_in_recovery() AS ok', () => ok(!state.inRecovery));
  host.onSql(name, 'SELECT pg_last_wal_receive_lsn()::text AS receive, pg_last_wal_replay_lsn()::text AS replay', [{ receive: lsn, replay: lsn }]);
  host.onSql(name, PROMOTE_SQL, () => {
    state.inRecovery = false;
    return [{ promoted: 't' }];
  });
  host.onSql(name, "SELECT current_setting('synchronous_standby_names') AS names", () => [{ names: state.synchronousStandbyNames }]);
  host.onSql(name, RESET_SYNC_SQL, () => {
    state.synchronousStandbyNames = '';
    return [{ pg_reload_conf: 't' }];
  });
  host.onSql(name, CANARY_SQL, () => ok(!state.inRecovery && (options.canaryCommits ?? true)));
  return state;
}
