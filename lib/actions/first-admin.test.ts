import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { formData } from '@/lib/testing/action-fixtures';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-first-admin-'));
process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_DATA_DIR = dataDir;
process.env.TANDEM_SECRET_KEY = '4d'.repeat(32);

vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/navigation', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');
const { issueSetupToken, setupTokenFile } = await import('@/lib/auth/setup-token');
const { createFirstAdminAccount } = await import('./create-first-admin');

const admin = { name: 'Ada', email: 'ada@example.com', password: 'correct-horse-battery-1', confirm: 'correct-horse-battery-1' };

describe('the first admin needs the setup token Tandem printed at start-up', () => {
  it('refuses a claim without the token or with another one, audits it, and creates nobody; the printed token works once', async () => {
    const prisma = await db();
    const token = await issueSetupToken();
    expect(readFileSync(setupTokenFile(), 'utf8').trim()).toBe(token);
    expect(statSync(setupTokenFile()).mode & 0o077).toBe(0);

    expect(await createFirstAdminAccount(null, formData(admin))).toMatchObject({ ok: false, fieldErrors: { setupToken: ['Enter the setup token from Tandem’s log'] } });
    expect(await createFirstAdminAccount(null, formData({ ...admin, setupToken: `${token}x` }))).toMatchObject({ ok: false, fieldErrors: { setupToken: [expect.stringContaining('not the setup token')] } });
    expect(await prisma.user.count()).toBe(0);
    expect(await prisma.auditEvent.findFirst({ where: { action: 'user.create', outcome: 'failed' }, select: { summary: true, clientAddress: true } })).toEqual({ summary: 'Refused to create the first admin ada@example.com: wrong setup token', clientAddress: '203.0.113.7' });

    const claimed = createFirstAdminAccount(null, formData({ ...admin, setupToken: ` ${token} ` }));
    await expect(claimed).rejects.toMatchObject({ to: '/' });
    expect(await prisma.user.findMany({ select: { email: true, role: true } })).toEqual([{ email: 'ada@example.com', role: 'admin' }]);
    expect(existsSync(setupTokenFile())).toBe(false);
    expect(await createFirstAdminAccount(null, formData({ ...admin, email: 'eve@example.com', setupToken: token }))).toEqual({ ok: false, message: 'Tandem already has an admin. Sign in instead.' });
  });

  it('a new start replaces the token: the one printed before no longer works', async () => {
    const prisma = await db();
    await prisma.user.deleteMany();
    await prisma.setting.deleteMany({ where: { key: 'bootstrap.claimed' } });
    const first = await issueSetupToken();
    await issueSetupToken();
    expect(await createFirstAdminAccount(null, formData({ ...admin, setupToken: first }))).toMatchObject({ ok: false, fieldErrors: { setupToken: [expect.stringContaining('not the setup token')] } });
    expect(await prisma.user.count()).toBe(0);
  });
});
