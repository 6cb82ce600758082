import { describe, expect, it } from 'vitest';
import { twoPrimariesMessage, writableMembers } from './writable';

describe('writableMembers', () => {
  it('lists members that answer and are not in recovery; two of them is a split brain', () => {
    const states = [{ name: 'pg2', reachable: true, inRecovery: false }, { name: 'pg3', reachable: true, inRecovery: true }, { name: 'pg1', reachable: true, inRecovery: false }, { name: 'pg4', reachable: false, inRecovery: null }];
    expect(writableMembers(states)).toEqual(['pg1', 'pg2']);
    expect(twoPrimariesMessage(states)).toMatch(/^Two primaries: pg1 and pg2 both accept writes\./);
    expect(twoPrimariesMessage(states.slice(0, 2))).toBeNull();
  });
});
