'use server';

import { z } from 'zod';
import { db } from '@/lib/db/client';
import { saveRoutingHooks } from '@/lib/db/failover';
import { routingHooksSchema } from '@/lib/failover/routing-hooks';
import { failure, success } from './action-result';
import { auditedBy, defineAction } from './define-action';

const formSchema = z.object({ clusterId: z.coerce.number().int().positive(), hooks: z.string().max(50_000).default('[]') });

/**
 * Admin only: the cluster's routing hooks, as JSON `[{ "hostId": 1, "command": "…", "timeoutMs": 30000 }]`.
 * Each command later runs as root with `sh -c` on its host after a promote or switchover,
 * so only an admin may set them; every change is audited with the commands.
 */
export const updateRoutingHooks = defineAction(
  { permission: 'settings.manage', audit: 'cluster.routing-hooks', schema: formSchema, invalidMessage: 'Some fields need attention.' },
  async ({ clusterId, hooks: text }, actor) => {
    let json: unknown;
    try {
      json = JSON.parse(text || '[]');
    } catch {
      return failure('The hooks are not valid JSON.', { hooks: ['Give a JSON list: [{ "hostId": 1, "command": "…", "timeoutMs": 30000 }]'] });
    }
    const hooks = routingHooksSchema.safeParse(json);
    if (!hooks.success) return failure('The hooks need attention.', { hooks: hooks.error.issues.map((issue) => `${issue.path.join('.') || 'list'}: ${issue.message}`) });
    const hostIds = [...new Set(hooks.data.map((hook) => hook.hostId))];
    const known = await (await db()).host.count({ where: { id: { in: hostIds } } });
    if (known !== hostIds.length) return failure('A hook names a host that is not in the inventory.', { hooks: ['Use the id of a host in the inventory.'] });
    const saved = await saveRoutingHooks(clusterId, hooks.data, `Set ${hooks.data.length} routing hook${hooks.data.length === 1 ? '' : 's'} on cluster ${clusterId}`, auditedBy(actor));
    return saved ? success(null) : failure('This cluster no longer exists.');
  },
);
