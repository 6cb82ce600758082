import { describe, expect, it } from 'vitest';
import { describeRepositorySpace } from './repository-space-text';

const GIB = 1024 ** 3;
const latest = { at: '2026-12-04T10:00:00.000Z', freeBytes: 40 * GIB, totalBytes: 100 * GIB, usedBytes: 55 * GIB };
const host = { kind: 'host', repository: 1, hostName: 'backup1', path: '/var/lib/pgbackrest', latest } as const;

describe('a repository capacity in words', () => {
  it('gives free and total space and when it fills at the last week\'s growth', () => {
    expect(describeRepositorySpace({ ...host, forecast: { growthBytesPerDay: 8 * GIB, daysToFull: 5 } })).toEqual({
      where: 'repo1 on backup1 (/var/lib/pgbackrest)', capacity: '40 GiB free of 100 GiB, the repository holds 55 GiB',
      forecast: "full in ~5.0 days at the last week's growth (8 GiB a day)", tone: 'bad',
    });
    expect(describeRepositorySpace({ ...host, forecast: { growthBytesPerDay: GIB, daysToFull: 40 } })).toMatchObject({ forecast: "full in ~40 days at the last week's growth (1 GiB a day)", tone: 'neutral' });
    expect(describeRepositorySpace({ ...host, forecast: { growthBytesPerDay: 2 * GIB, daysToFull: 20 } }).tone).toBe('warn');
  });

  it('says "not growing", "full", or that there is not enough history yet', () => {
    expect(describeRepositorySpace({ ...host, forecast: { growthBytesPerDay: -GIB, daysToFull: null } })).toMatchObject({ forecast: 'not growing', tone: 'good' });
    expect(describeRepositorySpace({ ...host, forecast: { growthBytesPerDay: GIB, daysToFull: 0 } })).toMatchObject({ forecast: 'full', tone: 'bad' });
    expect(describeRepositorySpace({ ...host, latest: { ...latest, usedBytes: null }, forecast: null })).toMatchObject({ capacity: '40 GiB free of 100 GiB', forecast: 'not enough history for a forecast yet (a day of readings)' });
    expect(describeRepositorySpace({ ...host, latest: null, forecast: null }).capacity).toMatch(/^No reading yet/);
  });

  it('invents nothing for object storage', () => {
    expect(describeRepositorySpace({ kind: 's3', repository: 2, path: '/tandem/orders' })).toEqual({
      where: 'repo2 (object storage, /tandem/orders)', capacity: 'object storage: no capacity limit known', forecast: '', tone: 'neutral',
    });
  });
});
