import { describe, expect, it } from 'vitest';
import { rewindMarker, rewindSupport } from './rewind';

describe('rewindSupport', () => {
  it('reads data checksums and wal_log_hints from pg_controldata', () => {
    expect(rewindSupport('wal_log_hints setting:                off\nData page checksum version:           1\n')).toEqual({ checksums: true, walLogHints: false });
    expect(rewindSupport('wal_log_hints setting:                on\nData page checksum version:           0\n')).toEqual({ checksums: false, walLogHints: true });
    expect(rewindSupport('wal_log_hints setting:                off\nData page checksum version:           0\n')).toEqual({ checksums: false, walLogHints: false });
  });

  it('marks the temporary pg_hba line apart from the replication lines', () => {
    expect(rewindMarker({ name: 'orders', roleName: 'replicator', tls: false, slots: true, major: 15, passwordMethod: 'scram-sha-256' })).toBe('tandem:orders-rewind');
  });
});
