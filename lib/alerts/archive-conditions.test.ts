import { describe, expect, it } from 'vitest';
import type { WalArchiver } from '@/lib/members/status';
import { NO_CLUSTER_FACTS, readConditions } from './conditions';
import { DEFAULT_ALERT_RULES } from './default-rules';
import { EMPTY_ALERT_STATE, evaluateTick } from './evaluate';
import type { AlertMetric } from './rules';
import { makeTick, type TickOptions } from './tick-builders';

/** The tick builder's clock: t = 0 is 2026-11-22 08:00:00 UTC. */
const at = (clock: string) => new Date(`2026-11-22T${clock}Z`);

/** pg1's archiver, pushing to pgBackRest: 1287 segments archived, the last 2 min 30 s before the tick. */
const healthy: WalArchiver = {
  archiveMode: 'on', archivedCount: 1287, lastArchivedWal: '000000010000000A00000051', lastArchivedAt: at('07:57:30'),
  failedCount: 2, lastFailedWal: '000000010000000A0000003F', lastFailedAt: at('06:48:43'), readySegments: 1, walDirectoryBytes: 1_157_627_904,
};
const failing: WalArchiver = { ...healthy, failedCount: 14, lastFailedWal: '000000010000000A00000052', lastFailedAt: at('07:59:58') };
const neverArchived: WalArchiver = { ...healthy, archivedCount: 0, lastArchivedWal: null, lastArchivedAt: null, failedCount: 0, lastFailedWal: null, lastFailedAt: null, readySegments: 0 };
const backlog: WalArchiver = { ...healthy, readySegments: 40, walDirectoryBytes: 1_610_612_736 };

function read(metric: AlertMetric, options: TickOptions) {
  const rules = DEFAULT_ALERT_RULES.filter((rule) => rule.metric === metric);
  return readConditions(makeTick(0, options), rules, { ...NO_CLUSTER_FACTS, hoursToDiskFull: null }).map((reading) => [reading.key, reading.state, reading.summary]);
}

/** pg1 (the writable primary) and pg2 (a standby) with these archivers. */
const members = (pg1: WalArchiver | null, pg2: WalArchiver | null = null): TickOptions => ({ members: [{ archiver: pg1 }, { archiver: pg2 }] });

describe('archive_failing', () => {
  it('fires for the primary whose last failure is after its last success: which WAL, when, how many, what to check', () => {
    expect(read('archive_failing', members(failing))[0]).toEqual([
      'archive_failing:critical:host:1', 'firing',
      'pg1 cannot archive WAL: 000000010000000A00000052 failed at 2026-11-22 07:59:58 UTC, 14 failures counted, last archived 000000010000000A00000051 2 min 30 s ago; '
        + 'check the repository is reachable: pgbackrest check on pg1',
    ]);
  });

  it('fires for an archiver that failed and never succeeded', () => {
    const first = { ...neverArchived, failedCount: 1, lastFailedWal: '000000010000000000000001', lastFailedAt: at('07:59:30') };
    expect(read('archive_failing', members(first))[0]?.[2]).toBe(
      'pg1 cannot archive WAL: 000000010000000000000001 failed at 2026-11-22 07:59:30 UTC, 1 failure counted, nothing archived yet; check the repository is reachable: pgbackrest check on pg1',
    );
  });

  it('is clear once a success follows the failures, and for an archiver that never failed nor archived', () => {
    expect(read('archive_failing', members(healthy, neverArchived))).toEqual([['archive_failing:critical:host:1', 'clear', ''], ['archive_failing:critical:host:2', 'clear', '']]);
    expect(read('archive_failing', members(neverArchived))[0]?.[1]).toBe('clear');
  });

  it('is unknown for a member without a reading this tick (unreachable, or an old reading)', () => {
    expect(read('archive_failing', { primaryReachable: false, members: [{ archiver: null }] })[0]).toEqual(['archive_failing:critical:host:1', 'unknown', '']);
    expect(read('archive_failing', members(null))[0]?.[1]).toBe('unknown');
  });

  it('does not judge a member where archiving is not expected: archive_mode off, or a standby with archive_mode on', () => {
    expect(read('archive_failing', members({ ...failing, archiveMode: 'off' }, { ...failing, archiveMode: 'on' })).map(([, state]) => state)).toEqual(['clear', 'clear']);
  });

  it('judges a standby with archive_mode always by its own archiver', () => {
    expect(read('archive_failing', members(healthy, { ...failing, archiveMode: 'always' }))[1]?.slice(0, 2)).toEqual(['archive_failing:critical:host:2', 'firing']);
  });

  it('opens after failing for 60 s by default and resolves on the first success', () => {
    let state = EMPTY_ALERT_STATE;
    const transitions: string[] = [];
    for (const [t, archiver] of [[0, failing], [30, failing], [60, failing], [65, { ...failing, lastArchivedAt: at('08:01:04') }]] as const) {
      const result = evaluateTick(state, makeTick(t, members(archiver)), DEFAULT_ALERT_RULES);
      state = result.state;
      transitions.push(...result.transitions.map((transition) => `${t} ${transition.kind} ${transition.key}`));
    }
    expect(transitions).toEqual(['60 open archive_failing:critical:host:1', '65 resolve archive_failing:critical:host:1']);
  });
});

describe('archive_ready_segments', () => {
  it("fires over 16 segments waiting: the count, pg_wal's size and the age of the last archived WAL", () => {
    expect(read('archive_ready_segments', members(backlog))[0]).toEqual([
      'archive_ready_segments:warning:host:1', 'firing',
      'pg1 is behind in archiving: 40 WAL segments wait for the archiver (limit 16), pg_wal holds 1.5 GiB, last archived 000000010000000A00000051 2 min 30 s ago',
    ]);
    expect(read('archive_ready_segments', members({ ...backlog, lastArchivedWal: null, lastArchivedAt: null }))[0]?.[2]).toMatch(/, nothing archived yet$/);
  });

  it('is clear at or under the threshold', () => {
    expect(read('archive_ready_segments', members({ ...backlog, readySegments: 16 }))[0]?.[1]).toBe('clear');
    expect(read('archive_ready_segments', members(healthy))[0]?.[1]).toBe('clear');
  });

  it('is unknown without a reading, and where the server cannot count .ready files (before PostgreSQL 12)', () => {
    expect(read('archive_ready_segments', members(null))[0]?.[1]).toBe('unknown');
    expect(read('archive_ready_segments', members({ ...backlog, readySegments: null }))[0]?.[1]).toBe('unknown');
  });

  it('does not judge archive_mode off, nor a standby with archive_mode on; judges a standby with always', () => {
    const states = read('archive_ready_segments', members({ ...backlog, archiveMode: 'off' }, backlog)).map(([, state]) => state);
    expect(states).toEqual(['clear', 'clear']);
    expect(read('archive_ready_segments', members(healthy, { ...backlog, archiveMode: 'always' }))[1]?.[1]).toBe('firing');
  });
});
