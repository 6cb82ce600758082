import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { TEST_USERS } from '@/lib/testing/action-fixtures';
import { auth } from '@/lib/auth/auth';
import { createUserWithPassword } from '@/lib/auth/users';
import { db } from '@/lib/db/client';
import { createOperation, interruptExpiredOperations } from '@/lib/db/operations';
import { seal } from '@/lib/db/secrets';
import { storeHostSecret } from '@/lib/db/hosts';
import { insertWebhook, storeWebhookAllowEntries } from '@/lib/db/webhooks';

/** A TCP listener that counts the connections made to it and closes each at once: where every host of the fixture points. */
export interface CountingListener {
  readonly port: number;
  readonly connections: () => number;
  readonly close: () => Promise<void>;
}

/** The webhook receiver's own loopback address, the one address the fixture allow-lists: the catalogue's SSRF values aim at 127.0.0.1 and stay refused. */
const RECEIVER_ADDRESS = '127.0.0.2';

async function listen(server: Server | ReturnType<typeof createHttpServer>, address = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  return (server.address() as AddressInfo).port;
}

export async function countingListener(): Promise<CountingListener> {
  let count = 0;
  const server = createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  const port = await listen(server);
  return { port, connections: () => count, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Swaps better-auth's password hash (scrypt, a tenth of a second of CPU each) for a salted
 * SHA-256 in this process: the suite hashes and verifies a few hundred hostile passwords
 * through the same sign-up, sign-in and change paths, and what it checks is what is taken and
 * stored, not the cost of the hash.
 */
async function fastPasswordHashing(): Promise<void> {
  const { password } = await (await auth()).$context;
  const digest = (salt: string, text: string) => createHash('sha256').update(salt).update(text).digest('hex');
  password.hash = async (text) => {
    const salt = randomBytes(8).toString('hex');
    return `${salt}:${digest(salt, text)}`;
  };
  password.verify = async ({ hash, password: text }) => digest(hash.split(':')[0] ?? '', text) === hash.split(':')[1];
}

export const USER_PASSWORD = 'correct horse battery staple';
/** A fingerprint in the stored form, pinned on every host so a connection is attempted (and refused by the listener). */
export const PINNED = `SHA256:${'A'.repeat(43)}`;

export interface HostileFixture {
  readonly listener: CountingListener;
  readonly ids: {
    readonly main: number;
    readonly parked: number;
    readonly pg1: number;
    readonly pg2: number;
    readonly free1: number;
    readonly free2: number;
    readonly spare: number;
    readonly alert: number;
    readonly webhook: number;
    readonly interrupted: number;
    /** A live API token of the admin's, to revoke. */
    readonly apiToken: number;
  };
  readonly users: { readonly viewer: string; readonly disabled: string };
  readonly close: () => Promise<void>;
}

/**
 * The inventory every hostile case runs against: an admin (the caller), a viewer and a disabled
 * user with passwords, cluster main (pg1 primary, pg2 replica), three free hosts, an open alert,
 * a webhook that a local receiver accepts, and an interrupted operation on a memberless cluster.
 * Every host's SSH address is the counting listener.
 */
export async function seedHostileFixture(): Promise<HostileFixture> {
  const prisma = await db();
  await fastPasswordHashing();
  const listener = await countingListener();
  const receiver = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200).end());
  });
  const receiverPort = await listen(receiver, RECEIVER_ADDRESS);
  const admin = TEST_USERS.admin;
  await prisma.user.create({ data: { id: admin.id, name: admin.name, email: admin.email, role: 'admin' } });
  const viewer = await createUserWithPassword({ name: 'Vera', email: 'vera@example.com', password: USER_PASSWORD, role: 'viewer' });
  const disabled = await createUserWithPassword({ name: 'Otto', email: 'otto@example.com', password: USER_PASSWORD, role: 'viewer' });
  await prisma.user.update({ where: { id: disabled }, data: { disabledAt: new Date() } });

  const host = async (name: string) => {
    const { id } = await prisma.host.create({
      data: { name, sshAddress: '127.0.0.1', sshPort: listener.port, authMethod: 'password', sshSecret: '', hostKeyFingerprint: PINNED, hostKeyEverPinned: true },
      select: { id: true },
    });
    await storeHostSecret(id, 'fixture-password');
    return id;
  };
  const [pg1, pg2, free1, free2, spare] = [await host('pg1'), await host('pg2'), await host('free1'), await host('free2'), await host('spare')];
  const main = (await prisma.cluster.create({
    data: { name: 'main', status: 'active', pgMajor: 17, replicationRole: 'replicator', replicationSecret: await seal('cluster.replicationSecret', 'fixture-replication') },
    select: { id: true },
  })).id;
  await prisma.clusterMember.create({ data: { clusterId: main, hostId: pg1, role: 'primary', applicationName: 'pg1' } });
  await prisma.clusterMember.create({ data: { clusterId: main, hostId: pg2, role: 'replica', applicationName: 'pg2', slotName: 'tandem_pg2' } });
  const parked = (await prisma.cluster.create({ data: { name: 'parked', status: 'active' }, select: { id: true } })).id;
  const alert = (await prisma.alertEvent.create({ data: { clusterId: main, key: 'replica_down:pg2', metric: 'replica_down', severity: 'critical', summary: 'pg2 is down' }, select: { id: true } })).id;
  const webhook = await insertWebhook(prisma, { name: 'seed', url: `http://${RECEIVER_ADDRESS}:${receiverPort}/hook`, format: 'generic', minSeverity: 'warning' });
  // Its receiver is on loopback, which webhooks reach only once an admin allow-lists it.
  await storeWebhookAllowEntries(prisma, [RECEIVER_ADDRESS]);
  const claim = await createOperation({ kind: 'check-cluster', clusterId: parked, reason: '', actor: { id: null, email: 'seed@example.com' }, steps: [], runner: { id: 'tandem-gone:1#dead', leaseMs: 1 } });
  if (!claim.ok) throw new Error(claim.message);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await interruptExpiredOperations();
  const apiToken = (await prisma.apiToken.create({ data: { userId: admin.id, name: 'seed-token', role: 'viewer', lookupId: '0123456789ab', secretHash: '0'.repeat(64), expiresAt: new Date(Date.now() + 86_400_000) }, select: { id: true } })).id;

  return {
    listener,
    ids: { main, parked, pg1, pg2, free1, free2, spare, alert, webhook, interrupted: claim.operationId, apiToken },
    users: { viewer, disabled },
    close: async () => {
      await listener.close();
      await new Promise((resolve) => receiver.close(resolve));
    },
  };
}
