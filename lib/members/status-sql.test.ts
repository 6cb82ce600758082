import { PGlite, types } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import type { SqlRow, SqlText } from '@/lib/pg/sql';
import { parseMemberStatus } from './parse-status';
import { MEMBER_STATUS_SQL } from './status-sql';

const raw = (value: string) => value;
/** Every column type the query returns, left as PostgreSQL's text output (what psql prints). */
const asText = { [types.BOOL]: raw, [types.INT4]: raw, [types.INT8]: raw, [types.TEXT]: raw };

const db = new PGlite();
afterAll(() => db.close());

describe('MEMBER_STATUS_SQL on a real server (PGlite, in process)', () => {
  it('plans and runs, and its row decodes: a writable server with one physical slot', async () => {
    await db.query("SELECT pg_create_physical_replication_slot('tandem_pg2', true)");
    const { rows } = await db.query<SqlRow>(MEMBER_STATUS_SQL, [], { parsers: asText });
    const status = parseMemberStatus(rows);
    expect(status).toMatchObject({ inRecovery: false, receiveLsn: null, replayLsn: null, replayPaused: null, receiver: null, walSenders: [], timeline: 1 });
    expect(status.currentLsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(status.slots).toEqual([{ slotName: 'tandem_pg2', active: false, retainedBytes: expect.any(Number), walStatus: 'reserved', safeWalSize: null }]);
    expect(status.settings.serverVersionNum).toBeGreaterThanOrEqual(150000);
    expect(status.settings.maxWalSenders).toBeGreaterThan(0);
  });

  it('reads the archiver of a server that never archived: archive_mode off, nothing waiting, pg_wal holding at least one segment', async () => {
    const { rows } = await db.query<SqlRow>(MEMBER_STATUS_SQL, [], { parsers: asText });
    const { archiver } = parseMemberStatus(rows);
    expect(archiver).toMatchObject({ archiveMode: 'off', archivedCount: 0, lastArchivedWal: null, lastArchivedAt: null, failedCount: 0, lastFailedWal: null, lastFailedAt: null, readySegments: 0 });
    expect(archiver.walDirectoryBytes).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });

  it('counts the .ready segments a server with archive_mode on leaves for its archiver (PGlite runs none, so they stay)', async () => {
    const archiving = new PGlite({ postgresqlconf: ['archive_mode = on', "archive_command = '/bin/false'"] });
    try {
      await archiving.exec('SELECT pg_switch_wal(); CREATE TABLE t (x int); INSERT INTO t VALUES (1); SELECT pg_switch_wal()');
      const { archiver } = parseMemberStatus((await archiving.query<SqlRow>(MEMBER_STATUS_SQL, [], { parsers: asText })).rows);
      expect(archiver).toMatchObject({ archiveMode: 'on', archivedCount: 0, lastArchivedAt: null, failedCount: 0, readySegments: 2 });
    } finally {
      await archiving.close();
    }
  });

  it('never plans the count where pg_ls_archive_statusdir() does not exist (before 12, simulated): NULL, and the rest still reads', async () => {
    const older = MEMBER_STATUS_SQL.replace('>= 120000', '>= 990000').replace('pg_ls_archive_statusdir()', 'pg_ls_no_such_function()') as SqlText;
    expect(older).not.toBe(MEMBER_STATUS_SQL);
    const { archiver } = parseMemberStatus((await db.query<SqlRow>(older, [], { parsers: asText })).rows);
    expect(archiver).toMatchObject({ archiveMode: 'off', readySegments: null });
    expect(archiver.walDirectoryBytes).toBeGreaterThan(0);
  });
});
