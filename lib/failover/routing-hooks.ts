import { z } from 'zod';

/** One stored routing hook: a command run with `sh -c` as root on a member or other inventory host. */
export const routingHookSchema = z.object({
  hostId: z.number().int().positive(),
  command: z.string().trim().min(1, 'Give the command').max(2000).refine((value) => !value.includes('\0'), 'No NUL characters'),
  timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
});

export const routingHooksSchema = z.array(routingHookSchema).max(10);

export type StoredRoutingHook = z.infer<typeof routingHookSchema>;

/** The stored hooks, or none when the JSON is not a valid list (never run a half-understood hook). */
export function parseRoutingHooks(value: unknown): StoredRoutingHook[] {
  const parsed = routingHooksSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}
