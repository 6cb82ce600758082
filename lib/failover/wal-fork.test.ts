import { describe, expect, it } from 'vitest';
import { controlWal, historyFileName, switchPoint, walSegmentName } from './wal-fork';

describe('walSegmentName', () => {
  it('names the segment holding an LSN as pg_wal does, for 16 MiB and larger segments', () => {
    expect(walSegmentName(1, '0/3000160', 16 * 1024 * 1024)).toBe('000000010000000000000003');
    expect(walSegmentName(1, '0/3000000', 16 * 1024 * 1024)).toBe('000000010000000000000003');
    expect(walSegmentName(2, '1/0', 16 * 1024 * 1024)).toBe('000000020000000100000000');
    expect(walSegmentName(10, 'A/FF000028', 16 * 1024 * 1024)).toBe('0000000A0000000A000000FF');
    expect(walSegmentName(1, '2/80000000', 1024 * 1024 * 1024)).toBe('000000010000000200000002');
  });

  it('names a timeline history file', () => {
    expect(historyFileName(2)).toBe('00000002.history');
    expect(historyFileName(26)).toBe('0000001A.history');
  });
});

describe('switchPoint', () => {
  const history = '1\t0/3000160\tno recovery target specified\n\n2\t0/5000060\tno recovery target specified\n';

  it('reads where the history left a timeline', () => {
    expect(switchPoint(history, 1)).toBe('0/3000160');
    expect(switchPoint(history, 2)).toBe('0/5000060');
  });

  it('is null for a timeline the history does not name, and for an empty or garbled history', () => {
    expect(switchPoint(history, 3)).toBeNull();
    expect(switchPoint('', 1)).toBeNull();
    expect(switchPoint('1\tnot-an-lsn\n', 1)).toBeNull();
  });
});

describe('controlWal', () => {
  it('reads the latest checkpoint timeline and the WAL segment size from pg_controldata', () => {
    expect(controlWal("Latest checkpoint's TimeLineID:       3\nLatest checkpoint's PrevTimeLineID:   2\nBytes per WAL segment:                16777216\n")).toEqual({ timeline: 3, segmentBytes: 16_777_216 });
  });

  it('is null when either is missing', () => {
    expect(controlWal('Bytes per WAL segment:                16777216\n')).toBeNull();
    expect(controlWal("Latest checkpoint's TimeLineID:       3\n")).toBeNull();
  });
});
