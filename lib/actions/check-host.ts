'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { saveDiscovery } from '@/lib/db/discovery';
import { loadHostTarget } from '@/lib/db/hosts';
import { discoverHost } from '@/lib/discovery/discover-host';
import { failure, success } from './action-result';
import { defineAction } from './define-action';

const idSchema = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) });

/** "Test connection": reaches the host over SSH with its pinned key and stores what it finds. */
export const checkHost = defineAction({ permission: 'hosts.write', audit: 'host.check', schema: idSchema, invalidMessage: 'Unknown host.' }, async ({ id }) => {
  const host = await loadHostTarget(id);
  if (!host) return failure('This host no longer exists.');
  await saveDiscovery(id, await discoverHost(host.target, host.pgPort));
  revalidatePath(`/hosts/${id}`);
  return success(null);
});
