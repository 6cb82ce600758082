import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeSnapshot } from '@/lib/replication/make-snapshot';
import { setupFormInput, setupFormSchema } from './wizard-schema';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'f'.repeat(64);

const gather = vi.fn();
vi.mock('./gather-snapshot', () => ({ gatherSetupSnapshot: gather }));
const { prepareSetup } = await import('./prepare-setup');

const valid = {
  clusterName: 'orders', primaryId: 1, replicaIds: [2, 3], roleName: 'replicator', passwordMethod: 'scram-sha-256' as const, slots: true,
  maxSlotWalKeepSize: '10GB', baseBackupMaxRateMb: null, mode: 'async' as const, tls: false, existingData: 'move-aside' as const,
  setListenAddresses: false, enableWalLogHints: true, reuseExistingRole: false,
};
const hostile = ["o'rders", 'orders;reboot', 'orders$(id)', 'orders`id`', 'orders\nx', 'Orders Prod', '-orders', 'ördërs', ''];

beforeEach(() => gather.mockReset());

describe('hostile wizard values are refused before any host is contacted', () => {
  it.each(hostile)('cluster name %j', async (clusterName) => {
    const result = await prepareSetup({ ...valid, clusterName });
    expect(result).toMatchObject({ ok: false, fieldErrors: { clusterName: [expect.any(String)] } });
    expect(gather).not.toHaveBeenCalled();
  });

  it.each([...hostile, 'postgres', 'pg_monitor'])('replication role %j', async (roleName) => {
    const result = await prepareSetup({ ...valid, roleName });
    expect(result).toMatchObject({ ok: false, fieldErrors: { roleName: [expect.any(String)] } });
    expect(gather).not.toHaveBeenCalled();
  });

  it.each(['10GB; DROP TABLE x', "10GB'", '$(id)', '-1GB', 'lots'])('max_slot_wal_keep_size %j', async (maxSlotWalKeepSize) => {
    const result = await prepareSetup({ ...valid, maxSlotWalKeepSize });
    expect(result).toMatchObject({ ok: false, fieldErrors: { maxSlotWalKeepSize: [expect.any(String)] } });
    expect(gather).not.toHaveBeenCalled();
  });

  it('refuses malformed host choices, modes and rates in the form itself', () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ clusterName: 'orders', primaryId: '1;reboot', roleName: 'replicator', passwordMethod: 'plain', maxSlotWalKeepSize: '10GB', baseBackupMaxRateMb: '$(id)', mode: 'maybe', existingData: 'shred' })) form.set(key, value);
    form.append('replicaIds', '2`id`');
    const result = setupFormSchema.safeParse(setupFormInput(form));
    expect(result.success).toBe(false);
    const fields = new Set(result.error?.issues.map((issue) => String(issue.path[0])));
    for (const field of ['primaryId', 'replicaIds', 'passwordMethod', 'baseBackupMaxRateMb', 'mode', 'existingData']) expect(fields).toContain(field);
  });
});

describe('an existing role taken as the replication role', () => {
  const formOf = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ clusterName: 'orders', primaryId: '1', roleName: 'dba', passwordMethod: 'scram-sha-256', maxSlotWalKeepSize: '10GB', mode: 'async', existingData: 'move-aside', ...fields })) form.set(key, value);
    form.append('replicaIds', '2');
    return setupFormSchema.parse(setupFormInput(form));
  };

  it('is read on the primary by the form\'s name, and a superuser is refused until the wizard\'s box confirms reuse', async () => {
    gather.mockResolvedValue(makeSnapshot({ primary: { probe: { replicationRole: { superuser: true, replication: true, canLogin: true } } } }));
    expect(formOf({}).reuseExistingRole).toBe(false);
    const refused = await prepareSetup(formOf({}));
    expect(gather).toHaveBeenCalledWith(1, [2], 'dba');
    expect(refused).toMatchObject({ ok: true, canRun: false, plan: null });
    expect(refused.ok && refused.checks.find((c) => c.status === 'fail')?.message).toBe('Role dba exists and is a superuser: Tandem would change its password and use it for replication; choose another name, or confirm reuse');

    const confirmed = await prepareSetup(formOf({ reuseExistingRole: 'on' }));
    expect(confirmed).toMatchObject({ ok: true, canRun: true, options: { roleName: 'dba', reuseExistingRole: true } });
    expect(confirmed.ok && confirmed.checks.find((c) => c.id === 'replication-role')?.status).toBe('warn');
  });
});
