// Registers the lab's hosts in Tandem's database with their lab key and pinned host keys,
// so a newcomer can try Tandem on real servers at once. Idempotent: existing hosts of
// the same name are left as they are. Run through scripts/demo.sh.
import { readLabPrivateKey, readLabState } from '../lab/client';
import { database } from '../lib/db/client';
import { recordAudit } from '../lib/db/audit';
import { insertHost } from '../lib/db/hosts';
import { createHostSchema } from '../lib/inventory/host-schema';

const state = readLabState();
const privateKey = readLabPrivateKey(state);
const { prisma, driver } = await database();

for (const lab of state.hosts) {
  if (await prisma.host.count({ where: { name: lab.name } })) {
    console.log(`${lab.name}: already registered`);
    continue;
  }
  const input = createHostSchema.parse({
    name: lab.name,
    sshAddress: lab.address,
    sshPort: String(lab.sshPort),
    sshUser: 'root',
    authMethod: 'key',
    privateKey,
    pgPort: String(lab.pgPort),
    labels: 'lab, demo',
    notes: 'Lab host (network namespace with its own sshd and PostgreSQL 15), registered by npm run demo.',
  });
  await prisma.$transaction(async (tx) => {
    const host = await insertHost(input, tx);
    await tx.host.update({
      where: { id: host.id },
      data: { hostKeyFingerprint: lab.currentHostKeyFingerprint, hostKeyType: lab.hostKeyType, hostKeyPinnedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(
      {
        actorId: null,
        actorEmail: 'demo (command line)',
        action: 'host.create',
        summary: `Registered lab host ${lab.name} (${lab.address}) with pinned host key ${lab.currentHostKeyFingerprint}`,
        targetType: 'host',
        targetId: host.id,
        targetName: lab.name,
      },
      tx,
    );
  });
  console.log(`${lab.name}: registered ${lab.address}, host key ${lab.currentHostKeyFingerprint}`);
}
await driver.sql.close();
