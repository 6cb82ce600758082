'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { saveDiscovery } from '@/lib/db/discovery';
import { loadHostTarget } from '@/lib/db/hosts';
import { discoverHost } from '@/lib/discovery/discover-host';
import { failure, formFields, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

const idSchema = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) });

/** "Test connection": reaches the host over SSH with its pinned key and stores what it finds. */
export async function checkHost(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('hosts.write', 'host.check');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = idSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return failure('Unknown host.');
  const host = await loadHostTarget(parsed.data.id);
  if (!host) return failure('This host no longer exists.');
  await saveDiscovery(parsed.data.id, await discoverHost(host.target, host.pgPort));
  revalidatePath(`/hosts/${parsed.data.id}`);
  return success(null);
}
