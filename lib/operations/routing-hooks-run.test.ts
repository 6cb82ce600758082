import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/current-user';
import type { RemoteExecOptions } from '@/lib/replication/engine';
import type { ShellCommand } from '@/lib/ssh/shell';
import { runAsSent } from '@/lib/ssh/testing/run-as-sent';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import { defineOperationKind } from './define-kind';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = '9'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock('next/headers', async () => {
  const { stampedHeaders } = await import('@/lib/testing/stamped-request');
  return { headers: async () => stampedHeaders('203.0.113.8') };
});
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));

const { db } = await import('@/lib/db/client');
const runner = await import('./runner');
const { loadFailoverInputs } = await import('./failover-inputs');
const { routingHooksStep } = await import('@/lib/failover/steps/routing-hooks');
const { updateRoutingHooks } = await import('@/lib/actions/update-routing-hooks');
const operationRoute = await import('@/app/api/operations/[id]/route');

const TOKEN = 'dns-tok-51a7';
const HOOK = 'printf "token %s\\n" "$DNS_TOKEN"; echo vip moved';

/** What a host sees: the exact command and stdin the SSH layer would send, run through a local /bin/sh. */
const sent: { command: string; stdin: string | undefined }[] = [];
async function runLocally(command: ShellCommand, options: RemoteExecOptions = {}) {
  sent.push({ command: command.text, stdin: options.stdin });
  const result = await runAsSent(command, options.stdin);
  for (const line of result.stdout.split('\n')) if (line !== '') options.onLine?.(line, 'stdout');
  return { ...result, durationMs: 1 };
}

/** The failover kinds' hook step, planned from the stored hooks and secrets as they plan it. */
const hooksOnly = defineOperationKind({
  kind: 'hooks-only',
  params: z.object({}),
  async plan({ clusterId }) {
    const { hooks, hookSecrets } = await loadFailoverInputs(clusterId);
    return { steps: [routingHooksStep(hooks)], secrets: hookSecrets };
  },
});

let clusterId = 0;
let operationId = 0;

beforeAll(async () => {
  const prisma = await db();
  for (const user of Object.values(TEST_USERS)) await prisma.user.create({ data: { id: user.id, name: user.name, email: user.email, role: user.role } });
  clusterId = (await prisma.cluster.create({ data: { name: 'orders', status: 'active' }, select: { id: true } })).id;
  const hostId = (await prisma.host.create({ data: { name: 'lb1', sshAddress: '192.0.2.30', authMethod: 'key', sshSecret: 'unused' }, select: { id: true } })).id;
  runner.setRunnerKinds((name) => (name === 'hooks-only' ? hooksOnly : null));
  runner.setRunnerPorts(() => ({ shell: { exec: (_host, command, options) => runLocally(command, options) }, pg: { query: () => Promise.reject(new Error('no PostgreSQL in this test')) } }));

  session.user = TEST_USERS.admin;
  const saved = await updateRoutingHooks(null, formData({ clusterId: String(clusterId), hooks: JSON.stringify([{ hostId, command: HOOK, timeoutMs: 5000 }]), secrets: `DNS_TOKEN=${TOKEN}` }));
  if (!saved.ok) throw new Error(saved.message);
  const claim = await runner.startOperation(hooksOnly, { clusterId, params: {}, reason: 'move the VIP', actor: { id: TEST_USERS.admin.id, email: TEST_USERS.admin.email } });
  if (!claim.ok) throw new Error(claim.message);
  operationId = claim.operationId;
  expect(await runner.waitForOperation(operationId)).toMatchObject({ status: 'succeeded' });
});

async function readAs(role: keyof typeof TEST_USERS) {
  session.user = TEST_USERS[role];
  const response = await operationRoute.GET(new Request(`http://t/api/operations/${operationId}`), { params: Promise.resolve({ id: String(operationId) }) });
  const text = await response.text();
  const { steps } = JSON.parse(text) as { steps: { commands: string[]; outputTail: string; restricted: boolean }[] };
  return { text, step: steps[0] };
}

describe('a routing hook run', () => {
  it('got its secret in its environment, over stdin, never in its command line', () => {
    expect(sent).toEqual([{ command: `sh -c 'eval "$(cat)" && exec sh -c "$1"' tandem-hook 'printf "token %s\\n" "$DNS_TOKEN"; echo vip moved'`, stdin: `export DNS_TOKEN='${TOKEN}'\n` }]);
  });

  it('shows operators and viewers which hook ran where and how it exited, never its command or output', async () => {
    for (const role of ['operator', 'viewer'] as const) {
      const { text, step } = await readAs(role);
      expect(step).toMatchObject({ commands: ['routing hook 1 on lb1'], outputTail: 'routing hook 1 on lb1: running\nrouting hook 1 on lb1: ran, exit 0\n', restricted: true });
      expect(text).not.toMatch(/printf|vip moved|token|DNS_TOKEN|eval/);
    }
  });

  it('shows admins the command, with the secret as NAME=***, and the output, with the secret redacted', async () => {
    const { text, step } = await readAs('admin');
    expect(step?.commands).toEqual([`[lb1 as root, environment DNS_TOKEN=***] sh -c 'eval "$(cat)" && exec sh -c "$1"' tandem-hook 'printf "token %s\\n" "$DNS_TOKEN"; echo vip moved'`]);
    expect(step?.outputTail).toBe('routing hook 1 on lb1: running\nlb1: token ***\nlb1: vip moved\nrouting hook 1 on lb1: ran, exit 0\n');
    expect(text).not.toContain(TOKEN);
  });

  it('left the secret in no stored record', async () => {
    const prisma = await db();
    const stored = await Promise.all([prisma.operation.findMany(), prisma.operationStep.findMany(), prisma.auditEvent.findMany(), prisma.cluster.findMany()]);
    expect(JSON.stringify(stored, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))).not.toContain(TOKEN);
  });
});
