import { describe, expect, it } from 'vitest';
import { explainBackrestError, explainBackrestLines } from './errors';

describe('pgBackRest errors', () => {
  it('says what to do for the faults DBAs meet first, keeping pgBackRest\'s line', () => {
    expect(explainBackrestError('ERROR: [039]: HTTP request failed with 403 (Forbidden):')).toMatch(/^the object storage refused the key and secret: .* \(ERROR: \[039\]: HTTP request failed with 403 \(Forbidden\):\)$/);
    expect(explainBackrestError('ERROR: [039]: HTTP request failed with 404 (Not Found): GET /missing/?delimiter=%2F&list-type=2')).toMatch(/^the bucket does not exist/);
    expect(explainBackrestError("ERROR: [095]: unable to find hostname '10.88.0.1' in certificate common name or subject alternative names")).toMatch(/^the object storage's TLS certificate does not match/);
    expect(explainBackrestError("ERROR: [047]: unable to write '/var/lib/pgbackrest/backup/x': [28] No space left on device")).toMatch(/^the repository's file system is full/);
    expect(explainBackrestError('ERROR: [104]: unable to connect to ...')).toMatch(/^the repository is unreachable/);
  });

  it('leaves a line it does not know as it is', () => {
    expect(explainBackrestError('ERROR: [055]: unable to load info file')).toBe('ERROR: [055]: unable to load info file');
  });
});

describe('explainBackrestLines', () => {
  it('finds the cause on a line before the one that names only the retry, and leaves output it knows nothing of alone', () => {
    const full = ["P00   INFO: backup command begin 2.45", "ERROR: [047]: raised from local-1 shell protocol: unable to write '/var/lib/pgbackrest/backup/orders/x': [28] No space left on device", '       [FileWriteError] on retry after 15000ms'];
    expect(explainBackrestLines(full)).toMatch(/^the repository's file system is full: .*\(ERROR: \[047\]: .*No space left on device\)$/);
    expect(explainBackrestLines(['P00   INFO: backup command begin 2.45', 'ERROR: [055]: unable to load info file'])).toBeNull();
  });
});
