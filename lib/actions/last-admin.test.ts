import { AsyncLocalStorage } from 'node:async_hooks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { formData } from '@/lib/testing/action-fixtures';
import type { CurrentUser } from '@/lib/auth/current-user';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'e'.repeat(64);

/**
 * The caller of each concurrent request. The session stand-in lets both requests in even after
 * the other's change committed, so what refuses one is the check inside the transaction.
 */
const caller = new AsyncLocalStorage<CurrentUser>();
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => caller.getStore() ?? null }));
vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');
const { changeUserRole } = await import('./change-user-role');
const { disableUser } = await import('./disable-user');

const first: CurrentUser = { id: 'u-first', email: 'first@example.com', name: 'First', role: 'admin' };
const second: CurrentUser = { id: 'u-second', email: 'second@example.com', name: 'Second', role: 'admin' };
const demote = (actor: CurrentUser, target: CurrentUser) => caller.run(actor, () => changeUserRole(null, formData({ userId: target.id, role: 'operator' })));
const disable = (actor: CurrentUser, target: CurrentUser) => caller.run(actor, () => disableUser(null, formData({ userId: target.id })));

const enabledAdmins = async () => (await db()).user.count({ where: { role: 'admin', disabledAt: null } });
const LAST_ADMIN = { ok: false, message: 'Tandem needs at least one enabled admin: make someone else admin first.' };

let auditedBefore = 0;

beforeEach(async () => {
  const prisma = await db();
  auditedBefore = (await prisma.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
  await prisma.user.deleteMany();
  for (const user of [first, second]) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: 'admin' } });
});

describe('the last two admins, changed at the same time', () => {
  it.each([
    { name: 'two demotions', calls: () => [demote(first, second), demote(second, first)] },
    { name: 'a disabling and a demotion', calls: () => [disable(first, second), demote(second, first)] },
    { name: 'two disablings', calls: () => [disable(first, second), disable(second, first)] },
  ])('$name leave one enabled admin: one change is made, the other refused and audited', async ({ calls }) => {
    const outcomes = await Promise.all(calls());
    expect(outcomes.filter((outcome) => outcome.ok)).toEqual([{ ok: true, data: null }]);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([LAST_ADMIN]);
    expect(await enabledAdmins()).toBe(1);
    const audited = await (await db()).auditEvent.findMany({ where: { id: { gt: auditedBefore } }, select: { outcome: true, summary: true } });
    expect(audited.map((event) => event.outcome).sort()).toEqual(['denied', 'ok']);
    expect(audited.find((event) => event.outcome === 'denied')?.summary).toBe(`Refused: ${LAST_ADMIN.message}`);
  });
});
