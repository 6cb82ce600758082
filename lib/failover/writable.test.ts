import { describe, expect, it } from 'vitest';
import { twoPrimariesMessage, writableMembers } from './writable';

const states = [
  { name: 'pg2', reachable: true, inRecovery: false, fenced: false },
  { name: 'pg3', reachable: true, inRecovery: true, fenced: false },
  { name: 'pg1', reachable: true, inRecovery: false, fenced: true },
  { name: 'pg4', reachable: false, inRecovery: null, fenced: false },
];

describe('writableMembers', () => {
  it('lists members that answer and are not in recovery; two of them is a split brain', () => {
    expect(writableMembers(states)).toEqual(['pg1', 'pg2']);
    expect(twoPrimariesMessage(states.slice(0, 2))).toBeNull();
  });

  it('says a writable fenced member is being stopped by Tandem, not that it was started outside Tandem', () => {
    const text = twoPrimariesMessage(states);
    expect(text).toMatch(/^Two primaries: pg1 and pg2 both accept writes\. pg1 is fenced after a failover: Tandem is stopping it now/);
    expect(text).not.toMatch(/outside Tandem/);
  });

  it('asks a person to act when neither writable member is fenced', () => {
    expect(twoPrimariesMessage(states.map((state) => ({ ...state, fenced: false })))).toMatch(/Neither is fenced by Tandem: stop the one that should not be primary/);
  });
});
