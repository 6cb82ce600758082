import { PGlite, types } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import type { SqlRow } from '@/lib/pg/sql';
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
});
