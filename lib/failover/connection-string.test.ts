import { describe, expect, it } from 'vitest';
import { libpqConnectionString } from './connection-string';

describe('libpqConnectionString', () => {
  it('lists every member with read-write session attributes', () => {
    expect(libpqConnectionString([
      { address: '10.88.0.11', pgPort: 5432, role: 'primary', fenced: false },
      { address: '10.88.0.12', pgPort: 5433, role: 'replica', fenced: false },
      { address: 'fd00::3', pgPort: 5432, role: 'replica', fenced: false },
    ], 'app db')).toBe('postgresql://10.88.0.11:5432,10.88.0.12:5433,[fd00::3]:5432/app%20db?target_session_attrs=read-write');
  });

  it('puts the current primary first and a fenced old primary last, whatever order the members come in', () => {
    expect(libpqConnectionString([
      { address: '10.88.0.11', pgPort: 5432, role: 'replica', fenced: true },
      { address: '10.88.0.13', pgPort: 5432, role: 'replica', fenced: false },
      { address: '10.88.0.12', pgPort: 5432, role: 'primary', fenced: false },
    ])).toBe('postgresql://10.88.0.12:5432,10.88.0.13:5432,10.88.0.11:5432/postgres?target_session_attrs=read-write');
  });
});
