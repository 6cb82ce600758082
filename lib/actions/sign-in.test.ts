import { beforeAll, describe, expect, it, vi } from 'vitest';
import { formData } from '@/lib/testing/action-fixtures';
import { stampedHeaders } from '@/lib/testing/stamped-request';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'c'.repeat(64);

/** The connection's peer for the next calls; the client also claims to be 127.0.0.1, which must not count. */
const connection = { peer: '198.51.100.4' };
const requestHeaders = () => stampedHeaders(connection.peer, { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' });

vi.mock('next/headers', async () => ({ ...(await import('@/lib/testing/next-request-mock')), headers: async () => requestHeaders() }));
vi.mock('next/navigation', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');
const { createUserWithPassword } = await import('@/lib/auth/users');
const { signIn } = await import('./sign-in');

const PASSWORD = 'correct horse battery';
const attempt = (email: string, password: string) => signIn(null, formData({ email, password })).catch((error: { to?: string }) => ({ redirectedTo: error.to }));
const audits = async (email: string) =>
  (await db()).auditEvent.findMany({ where: { action: 'auth.sign_in', actorEmail: email }, select: { outcome: true, summary: true, clientAddress: true } });

beforeAll(async () => {
  await createUserWithPassword({ name: 'On call', email: 'oncall@example.com', password: PASSWORD, role: 'admin' });
});

describe('signing in under attack', () => {
  it('checks the password for at most three of twenty parallel wrong guesses, and audits the real peer', async () => {
    connection.peer = '::ffff:198.51.100.4';
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt('oncall@example.com', 'wrong password')));
    expect(results.filter((result) => 'message' in result && result.message === 'The e-mail or password is wrong.')).toHaveLength(3);
    expect(results.filter((result) => 'message' in result && /^Too many failed sign-ins\. Try again in \d+ seconds\.$/.test(result.message))).toHaveLength(17);

    const recorded = await audits('oncall@example.com');
    expect(recorded.filter((event) => event.outcome === 'failed')).toHaveLength(3);
    expect(new Set(recorded.map((event) => event.clientAddress))).toEqual(new Set(['198.51.100.4']));
  });

  it('still lets the account in from another address, leaving the attacking address counted', async () => {
    connection.peer = '192.0.2.10';
    expect(await attempt('oncall@example.com', PASSWORD)).toEqual({ redirectedTo: '/' });
    // The session records the connection's peer, not the 127.0.0.1 the client claimed in X-Forwarded-For.
    const session = await (await db()).session.findFirstOrThrow({ where: { user: { email: 'oncall@example.com' } }, orderBy: { createdAt: 'desc' }, select: { ipAddress: true } });
    expect(session.ipAddress).toBe('192.0.2.10');
    const counters = await (await db()).signInThrottle.findMany({ where: { key: { contains: '198.51.100.4' } }, select: { key: true, failures: true }, orderBy: { key: 'asc' } });
    expect(counters).toEqual([
      { key: 'account:198.51.100.4 oncall@example.com', failures: 3 },
      { key: 'ip:198.51.100.4', failures: 3 },
    ]);
  });
});
