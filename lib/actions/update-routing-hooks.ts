'use server';

import { z } from 'zod';
import { db } from '@/lib/db/client';
import { saveRoutingHooks } from '@/lib/db/failover';
import { routingHooksSchema } from '@/lib/failover/routing-hooks';
import { failure, formFields, postedForm, success, type ActionResult } from './action-result';
import { authorize } from './authorize';

const formSchema = z.object({ clusterId: z.coerce.number().int().positive(), hooks: z.string().max(50_000).default('[]') });

/**
 * Admin only: the cluster's routing hooks, as JSON `[{ "hostId": 1, "command": "…", "timeoutMs": 30000 }]`.
 * Each command later runs as root with `sh -c` on its host after a promote or switchover,
 * so only an admin may set them; every change is audited with the commands.
 */
export async function updateRoutingHooks(_previous: ActionResult | null, form: unknown): Promise<ActionResult> {
  const actor = await authorize('settings.manage', 'cluster.routing-hooks');
  if (!actor.ok) return actor;
  const posted = postedForm(form);
  if (!posted.ok) return posted;
  const parsed = formSchema.safeParse(formFields(posted.data));
  if (!parsed.success) return failure('Some fields need attention.');
  let json: unknown;
  try {
    json = JSON.parse(parsed.data.hooks || '[]');
  } catch {
    return failure('The hooks are not valid JSON.', { hooks: ['Give a JSON list: [{ "hostId": 1, "command": "…", "timeoutMs": 30000 }]'] });
  }
  const hooks = routingHooksSchema.safeParse(json);
  if (!hooks.success) return failure('The hooks need attention.', { hooks: hooks.error.issues.map((issue) => `${issue.path.join('.') || 'list'}: ${issue.message}`) });
  const hostIds = [...new Set(hooks.data.map((hook) => hook.hostId))];
  const known = await (await db()).host.count({ where: { id: { in: hostIds } } });
  if (known !== hostIds.length) return failure('A hook names a host that is not in the inventory.', { hooks: ['Use the id of a host in the inventory.'] });
  const saved = await saveRoutingHooks(parsed.data.clusterId, hooks.data, `Set ${hooks.data.length} routing hook${hooks.data.length === 1 ? '' : 's'} on cluster ${parsed.data.clusterId}`, { actorId: actor.user.id, actorEmail: actor.user.email, clientAddress: actor.clientAddress });
  return saved ? success(null) : failure('This cluster no longer exists.');
}
