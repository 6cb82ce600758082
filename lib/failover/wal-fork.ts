import { parseLsn } from './lsn';

const hex8 = (value: bigint | number) => value.toString(16).toUpperCase().padStart(8, '0');

/** The name of the WAL segment file holding the byte at `lsn` on timeline `timeline`. Pure. */
export function walSegmentName(timeline: number, lsn: string, segmentBytes: number): string {
  const segment = parseLsn(lsn) / BigInt(segmentBytes);
  const perLogId = 0x1_0000_0000n / BigInt(segmentBytes);
  return `${hex8(timeline)}${hex8(segment / perLogId)}${hex8(segment % perLogId)}`;
}

/** The name of timeline `timeline`'s history file in pg_wal (`00000002.history`). */
export function historyFileName(timeline: number): string {
  return `${hex8(timeline)}.history`;
}

/**
 * Where a timeline history (a `.history` file: `parent<TAB>switchpoint<TAB>reason` lines)
 * left timeline `timeline`: the first LSN that is not common to it and the history's
 * timeline. Null when the history does not name it. Pure.
 */
export function switchPoint(history: string, timeline: number): string | null {
  for (const line of history.split('\n')) {
    const [parent, lsn] = line.trim().split(/\s+/);
    if (parent !== undefined && /^\d+$/.test(parent) && Number(parent) === timeline && lsn !== undefined && /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i.test(lsn)) return lsn;
  }
  return null;
}

/** From pg_controldata: the timeline of the latest checkpoint and the WAL segment size; null when either is missing. Pure. */
export function controlWal(controldata: string): { readonly timeline: number; readonly segmentBytes: number } | null {
  const timeline = /^Latest checkpoint's TimeLineID:\s*(\d+)\s*$/m.exec(controldata)?.[1];
  const segment = /^Bytes per WAL segment:\s*(\d+)\s*$/m.exec(controldata)?.[1];
  return timeline && segment && Number(segment) > 0 ? { timeline: Number(timeline), segmentBytes: Number(segment) } : null;
}
