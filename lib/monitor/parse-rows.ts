/** Rows as `pg` hands them over: int8/numeric as strings, booleans, timestamps as Date. */
export type RawRow = Record<string, unknown>;

export interface MemberView {
  readonly inRecovery: boolean;
  readonly currentLsn: string | null;
  readonly receiveLsn: string | null;
  readonly replayLsn: string | null;
  readonly replayPaused: boolean | null;
  readonly lastReplayAt: Date | null;
  readonly receiverStatus: string | null;
}

export interface WalSenderRow {
  readonly applicationName: string;
  readonly clientAddr: string | null;
  readonly state: string | null;
  readonly syncState: string | null;
  readonly sentBytes: number | null;
  readonly writeBytes: number | null;
  readonly flushBytes: number | null;
  readonly replayBytes: number | null;
  readonly replayLsn: string | null;
  readonly writeLagMs: number | null;
  readonly flushLagMs: number | null;
  readonly replayLagMs: number | null;
  readonly replyAgeMs: number | null;
}

export interface SlotRow {
  readonly slotName: string;
  readonly active: boolean;
  readonly retainedBytes: number | null;
  readonly walStatus: string | null;
  readonly safeWalSize: number | null;
}

/** A number from an int8/numeric/int column; null stays null (idle lag is not 0). */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number(String(value));
  return Number.isFinite(number) ? number : null;
}

export function toText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function toBool(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  return value === 't' || value === 'true';
}

export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Parses the member query's one row. */
export function parseMemberRow(row: RawRow | undefined): MemberView {
  if (!row) throw new Error('the member query returned no row');
  return {
    inRecovery: toBool(row.in_recovery) ?? false,
    currentLsn: toText(row.current_lsn),
    receiveLsn: toText(row.receive_lsn),
    replayLsn: toText(row.replay_lsn),
    replayPaused: toBool(row.replay_paused),
    lastReplayAt: toDate(row.last_replay_at),
    receiverStatus: toText(row.receiver_status),
  };
}

export function parseWalSenderRows(rows: readonly RawRow[]): WalSenderRow[] {
  return rows.map((row) => ({
    applicationName: toText(row.application_name) ?? '',
    clientAddr: toText(row.client_addr),
    state: toText(row.state),
    syncState: toText(row.sync_state),
    sentBytes: toNumber(row.sent_bytes),
    writeBytes: toNumber(row.write_bytes),
    flushBytes: toNumber(row.flush_bytes),
    replayBytes: toNumber(row.replay_bytes),
    replayLsn: toText(row.replay_lsn),
    writeLagMs: toNumber(row.write_lag_ms),
    flushLagMs: toNumber(row.flush_lag_ms),
    replayLagMs: toNumber(row.replay_lag_ms),
    replyAgeMs: toNumber(row.reply_age_ms),
  }));
}

export function parseSlotRows(rows: readonly RawRow[]): SlotRow[] {
  return rows.map((row) => ({
    slotName: toText(row.slot_name) ?? '',
    active: toBool(row.active) ?? false,
    retainedBytes: toNumber(row.retained_bytes),
    walStatus: toText(row.wal_status),
    safeWalSize: toNumber(row.safe_wal_size),
  }));
}

/**
 * The walsender row of a member: by application_name (what Tandem configures), else by
 * client address (`host(client_addr)`, never the `/32` text form). Null when there is none.
 */
export function findWalSender(rows: readonly WalSenderRow[], member: { applicationName: string; address: string }): WalSenderRow | null {
  return rows.find((row) => row.applicationName === member.applicationName)
    ?? rows.find((row) => row.clientAddr !== null && row.clientAddr === member.address)
    ?? null;
}

/** `df -B1 --output=avail` output → free bytes; null when unreadable. */
export function parseDfAvail(stdout: string): number | null {
  const lines = stdout.trim().split('\n');
  const value = lines[lines.length - 1]?.trim() ?? '';
  return /^\d+$/.test(value) ? Number(value) : null;
}
