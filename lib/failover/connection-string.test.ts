import { describe, expect, it } from 'vitest';
import { libpqConnectionString } from './connection-string';

describe('libpqConnectionString', () => {
  it('lists every member with read-write session attributes', () => {
    expect(libpqConnectionString([{ address: '10.88.0.11', pgPort: 5432 }, { address: '10.88.0.12', pgPort: 5433 }, { address: 'fd00::3', pgPort: 5432 }], 'app db'))
      .toBe('postgresql://10.88.0.11:5432,10.88.0.12:5433,[fd00::3]:5432/app%20db?target_session_attrs=read-write');
  });
});
