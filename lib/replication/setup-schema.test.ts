import { describe, expect, it } from 'vitest';
import { makeOptions, makeSnapshot } from './make-snapshot';
import { setupParamsSchema } from './setup-schema';

describe('setupParamsSchema', () => {
  it('keeps the replication role as read and the confirmation to reuse it', () => {
    const stored = JSON.parse(JSON.stringify({
      snapshot: makeSnapshot({ primary: { probe: { replicationRole: { superuser: true, replication: false, canLogin: true } } } }),
      options: makeOptions({ reuseExistingRole: true }),
    })) as unknown;
    const parsed = setupParamsSchema.parse(stored);
    expect(parsed.snapshot.primary.probe?.replicationRole).toEqual({ superuser: true, replication: false, canLogin: true });
    expect(parsed.options.reuseExistingRole).toBe(true);
    expect(setupParamsSchema.parse(JSON.parse(JSON.stringify({ snapshot: makeSnapshot(), options: makeOptions() }))).snapshot.primary.probe?.replicationRole).toBeNull();
  });

  it('refuses role attributes that are not booleans, and options without the reuse answer', () => {
    const snapshot = makeSnapshot({ primary: { probe: { replicationRole: { superuser: 't' as unknown as boolean, replication: true, canLogin: true } } } });
    expect(setupParamsSchema.safeParse({ snapshot, options: makeOptions() }).error?.issues[0]?.path).toEqual(['snapshot', 'primary', 'probe', 'replicationRole', 'superuser']);
    const older = Object.fromEntries(Object.entries(makeOptions()).filter(([field]) => field !== 'reuseExistingRole'));
    expect(setupParamsSchema.safeParse({ snapshot: makeSnapshot(), options: older }).error?.issues[0]?.path).toEqual(['options', 'reuseExistingRole']);
  });
});
