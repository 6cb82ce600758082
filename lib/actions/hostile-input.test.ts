import { beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_USERS } from '@/lib/testing/action-fixtures';
import { serverExports } from '@/lib/testing/server-actions';
import { actionDefinition } from './define-action';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'd'.repeat(64);

vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => TEST_USERS.admin, requireUser: async () => TEST_USERS.admin }));
vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/navigation', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');

const { files: serverFiles, exports: found } = await serverExports(import.meta.dirname);

type ServerAction = (...args: unknown[]) => Promise<unknown>;

const actions: { name: string; run: ServerAction; takesInput: boolean }[] = [];
for (const { file, name, value } of found) {
  if (typeof value !== 'function') throw new Error(`${file} exports ${name}, which is not a server action`);
  actions.push({ name, run: value as ServerAction, takesInput: actionDefinition(value)?.input !== 'none' });
}

/** Where each action defined to read nothing posted ends up: any body is ignored and it does its one thing. */
const TAKE_NO_INPUT: Record<string, string> = { signOut: '/sign-in' };

/** What a direct POST can decode to instead of the form the page sends. */
const HOSTILE: { label: string; value: unknown }[] = [
  { label: 'an empty list', value: [] },
  { label: 'an empty object', value: {} },
  { label: 'null', value: null },
  { label: 'undefined', value: undefined },
  { label: 'a string', value: 'id=1' },
  { label: 'a number', value: 7 },
  { label: 'an object whose entries is not a function', value: { entries: [['id', '1']], get: 'x' } },
];

beforeAll(async () => {
  const prisma = await db();
  await prisma.user.create({ data: { id: TEST_USERS.admin.id, name: TEST_USERS.admin.name, email: TEST_USERS.admin.email, role: 'admin' } });
}, 60_000);

describe('server actions given something other than what they expect', () => {
  it('finds every exported action, including the sign-in and first-admin forms', () => {
    expect(actions.length).toBe(new Set(actions.map((action) => action.name)).size);
    expect(actions.map((action) => action.name)).toEqual(expect.arrayContaining(['signIn', 'createFirstAdminAccount', 'signOut', 'assessPromote', 'createHost']));
    expect(actions.length).toBeGreaterThanOrEqual(serverFiles.length);
  });

  const cases = actions.flatMap((action) => HOSTILE.map((input) => ({ ...input, ...action })));

  it.each(cases.filter((c) => c.takesInput))('$name answers $label with an error value instead of throwing', async ({ run, value }) => {
    const result = await run(value, value).catch((error: unknown) => ({ threw: String(error) }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/\w/) });
    // Signed in as an admin, so the answer is about the input, not a refused session or role.
    expect((result as { message: string }).message).not.toMatch(/Sign in again|cannot do this/);
  });

  it.each(cases.filter((c) => !c.takesInput))('$name ignores $label and does its one thing', async ({ name, run, value }) => {
    const outcome = await run(value, value).then(
      () => ({ redirectedTo: null }),
      (error: { to?: string }) => ({ redirectedTo: error.to ?? String(error) }),
    );
    expect(outcome).toEqual({ redirectedTo: TAKE_NO_INPUT[name] });
  });
});
