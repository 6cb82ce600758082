import { describe, expect, it } from 'vitest';
import { describeFailoverFigures } from './figures';

describe('describeFailoverFigures', () => {
  it('states a promote RTO, RPO and how the old primary was fenced', () => {
    expect(describeFailoverFigures('promote', { rtoWritableMs: 1380, rtoTotalMs: 2950, rpoBytes: 0, fenceStopped: 1 })).toEqual([
      'RTO 1.38 s to writable, 2.95 s in all',
      'RPO 0 B',
      'old primary stopped and fenced',
    ]);
  });

  it('says an unreachable old primary was fenced on acknowledgement', () => {
    expect(describeFailoverFigures('promote', { fenceAcknowledged: 1, fenceStopped: 0 })).toEqual(['old primary fenced on acknowledgement (unreachable)']);
  });

  it('reports both legs of a drill and the transactions lost', () => {
    const lines = describeFailoverFigures('drill', { thereRtoWritableMs: 900, thereWriteGapMs: 1100, backRtoWritableMs: 950, backWriteGapMs: 1200, drillCommits: 420, drillLost: 0, drillMaxGapMs: 1200 });
    expect(lines).toEqual(['there: writable after 0.90 s, write gap 1.10 s', 'back: writable after 0.95 s, write gap 1.20 s', '420 commits, 0 lost, longest gap 1.20 s']);
  });

  it('states how long pg_rewind took and how much WAL was kept before it', () => {
    expect(describeFailoverFigures('rejoin', { rewindMs: 4200, rewindKeptBytes: 48 * 1024 * 1024 })).toEqual(['pg_rewind 4.20 s', '48 MiB of WAL since the fork kept before pg_rewind']);
  });

  it('leaves out what was not measured', () => {
    expect(describeFailoverFigures('rejoin', {})).toEqual([]);
  });
});
