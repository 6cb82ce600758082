'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/audit';
import { saveDiscovery } from '@/lib/db/discovery';
import { loadHostTarget } from '@/lib/db/hosts';
import { DISCOVERY_CONNECT_TIMEOUT_MS, discoverHost } from '@/lib/discovery/discover-host';
import { isSshError } from '@/lib/ssh/errors';
import { fetchHostKey, isFingerprint, sameFingerprint } from '@/lib/ssh/host-key';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

const acceptSchema = z.object({
  id: z.string().regex(/^\d{1,9}$/, 'Unknown host').transform(Number),
  fingerprint: z.string().refine(isFingerprint, 'Not a SHA256 fingerprint'),
  confirm: z.string().max(100, 'Type the host’s name to confirm').default(''),
});

/**
 * Pins the host key a person has compared and accepted. The key is read again and must
 * be the one shown; replacing a pinned key, or accepting one for a host that ever had one
 * pinned (it was moved, which dropped the old key), also needs the host's name typed.
 */
export const acceptHostKey = defineAction({ permission: 'hosts.write', audit: 'host.accept_key', schema: acceptSchema }, async ({ id, fingerprint, confirm }, actor) => {
  const host = await loadHostTarget(id);
  if (!host) return failure('This host no longer exists.');
  const previous = host.target.pinnedHostKey;
  const everPinned = (await (await db()).host.findUnique({ where: { id }, select: { hostKeyEverPinned: true } }))?.hostKeyEverPinned ?? false;
  if ((previous || everPinned) && confirm !== host.name) {
    const why = previous ? 'to replace the pinned host key' : 'to accept a new host key: this host had another one pinned before it was moved';
    return failure('Some fields need attention.', { confirm: [`Type ${host.name} ${why}`] });
  }
  let presented;
  try {
    presented = await fetchHostKey(host.target.address, host.target.port, { timeoutMs: DISCOVERY_CONNECT_TIMEOUT_MS });
  } catch (error) {
    if (isSshError(error)) return failure(`${error.message} ${error.hint}`);
    throw error;
  }
  if (!sameFingerprint(presented.fingerprint, fingerprint)) {
    return failure(`The host now presents ${presented.fingerprint}, not the ${fingerprint} you accepted. Nothing was pinned; test the connection again and compare.`);
  }
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await tx.host.update({ where: { id }, data: { hostKeyFingerprint: presented.fingerprint, hostKeyType: presented.keyType, hostKeyPinnedAt: new Date(), hostKeyEverPinned: true }, select: { id: true } });
    await recordAudit(
      {
        ...auditedBy(actor),
        action: previous ? 'host.reaccept_key' : 'host.accept_key',
        summary: previous
          ? `Replaced the pinned host key of ${host.name}: ${previous} → ${presented.fingerprint} (${presented.keyType})`
          : `Accepted the host key of ${host.name}: ${presented.fingerprint} (${presented.keyType})`,
        targetType: 'host',
        targetId: id,
        targetName: host.name,
      },
      tx,
    );
  });
  await saveDiscovery(id, await discoverHost({ ...host.target, pinnedHostKey: presented.fingerprint }, host.pgPort));
  revalidatePath(`/hosts/${id}`);
  return success(null);
});
