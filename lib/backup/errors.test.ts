import { describe, expect, it } from 'vitest';
import { explainBackrestError } from './errors';

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
