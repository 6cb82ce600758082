'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { clusterPath } from '@/lib/clusters/cluster-tabs';
import { db } from '@/lib/db/client';
import { readRoutingHooks, saveRoutingHooks } from '@/lib/db/failover';
import { MAX_HOOK_SECRETS, parseHookSecretLines, routingHooksSchema } from '@/lib/failover/routing-hooks';
import { failure, formFields, success } from './action-result';
import { auditedBy, defineAction } from './define-action';
import { clusterIdField } from './operation-form-fields';

const formSchema = z.object({
  clusterId: clusterIdField,
  hooks: z.string().max(50_000).default('[]'),
  /** New or replaced hook secrets, `NAME=value` per line; never sent back. */
  secrets: z.string().max(100_000).default(''),
  /** Names of stored hook secrets to remove. */
  clearSecrets: z.array(z.string().max(64)).max(MAX_HOOK_SECRETS).default([]),
});

/**
 * Admin only: the cluster's routing hooks, as JSON `[{ "hostId": 1, "command": "…", "timeoutMs": 30000 }]`,
 * and its hook secrets. Each command later runs as root with `sh -c` on its host after a
 * promote or switchover, with the secrets in its environment, so only an admin may set them;
 * every change is audited with the commands and the secrets' names, never their values.
 */
export const updateRoutingHooks = defineAction(
  {
    permission: 'settings.manage', audit: 'cluster.routing-hooks', schema: formSchema, invalidMessage: 'Some fields need attention.',
    fields: (form) => ({ ...formFields(form), clearSecrets: form.getAll('clearSecrets').filter((value) => typeof value === 'string') }),
  },
  async ({ clusterId, hooks: text, secrets: lines, clearSecrets }, actor) => {
    let json: unknown;
    try {
      json = JSON.parse(text || '[]');
    } catch {
      return failure('The hooks are not valid JSON.', { hooks: ['Give a JSON list: [{ "hostId": 1, "command": "…", "timeoutMs": 30000 }]'] });
    }
    const hooks = routingHooksSchema.safeParse(json);
    if (!hooks.success) return failure('The hooks need attention.', { hooks: hooks.error.issues.map((issue) => `${issue.path.join('.') || 'list'}: ${issue.message}`) });
    const secrets = parseHookSecretLines(lines);
    if (!secrets.ok) return failure('The hook secrets need attention.', { secrets: secrets.issues });
    const { secretNames } = await readRoutingHooks(clusterId);
    const clear = clearSecrets.filter((name) => secretNames.includes(name));
    const total = new Set([...secretNames.filter((name) => !clear.includes(name)), ...secrets.secrets.map((secret) => secret.name)]).size;
    if (total > MAX_HOOK_SECRETS) return failure(`A cluster holds at most ${MAX_HOOK_SECRETS} hook secrets.`, { secrets: [`Clear some of the ${secretNames.length} set, or set fewer.`] });
    const hostIds = [...new Set(hooks.data.map((hook) => hook.hostId))];
    const known = await (await db()).host.count({ where: { id: { in: hostIds } } });
    if (known !== hostIds.length) return failure('A hook names a host that is not in the inventory.', { hooks: ['Use the id of a host in the inventory.'] });
    const summary = `Set ${hooks.data.length} routing hook${hooks.data.length === 1 ? '' : 's'} on cluster ${clusterId}${secretSummary(secrets.secrets.map((secret) => secret.name), clear)}`;
    const saved = await saveRoutingHooks(clusterId, hooks.data, { set: secrets.secrets, clear }, summary, auditedBy(actor));
    if (!saved) return failure('This cluster no longer exists.');
    revalidatePath(clusterPath(clusterId, 'failover'));
    return success(null);
  },
);

/** The secrets part of the audit summary: names only. */
function secretSummary(set: readonly string[], cleared: readonly string[]): string {
  const parts = [set.length > 0 ? `set hook secret${set.length === 1 ? '' : 's'} ${set.join(', ')}` : '', cleared.length > 0 ? `cleared ${cleared.join(', ')}` : ''].filter(Boolean);
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}
