import { z } from 'zod';
import type { HookSecret } from './plan-types';

/** One stored routing hook: a command run with `sh -c` as root on a member or other inventory host. */
export const routingHookSchema = z.object({
  hostId: z.number('hostId must be the id of a host in the inventory').int('hostId must be the id of a host in the inventory').positive('hostId must be the id of a host in the inventory'),
  command: z.string('command must be text').trim().min(1, 'Give the command').max(2000, 'Keep the command under 2000 characters').refine((value) => !value.includes('\0'), 'No NUL characters'),
  timeoutMs: z.number('timeoutMs must be a number of milliseconds').int('timeoutMs must be whole milliseconds').min(1000, 'timeoutMs must be at least 1000').max(300_000, 'timeoutMs can be at most 300000 (5 minutes)').default(30_000),
});

export const routingHooksSchema = z.array(routingHookSchema, 'Give a JSON list of hooks: [{ "hostId": 1, "command": "…", "timeoutMs": 30000 }]').max(10, 'At most 10 hooks');

export type StoredRoutingHook = z.infer<typeof routingHookSchema>;

/** The stored hooks, or none when the JSON is not a valid list (never run a half-understood hook). */
export function parseRoutingHooks(value: unknown): StoredRoutingHook[] {
  const parsed = routingHooksSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

const HOOK_SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Names the shell reads itself: set from a secret they would change how the hook's wrapper runs. */
const SHELL_NAMES = new Set(['PATH', 'IFS', 'ENV', 'BASH_ENV', 'SHELLOPTS', 'PS4', 'HOME']);

export const MAX_HOOK_SECRETS = 20;
const MAX_HOOK_SECRET_CHARS = 4096;

/** Why `name` cannot name a hook secret, or null when it can: an environment variable name the shell does not use itself. */
export function hookSecretNameProblem(name: string): string | null {
  if (!HOOK_SECRET_NAME.test(name)) return 'use letters, digits and _ (an environment variable name, not starting with a digit)';
  return SHELL_NAMES.has(name) ? 'the shell uses this name itself; choose another' : null;
}

export type HookSecretLines = { ok: true; secrets: HookSecret[] } | { ok: false; issues: string[] };

/**
 * The hook secrets an admin typed, one `NAME=value` per line (blank lines skipped; the value
 * is everything after the first `=`, as typed). Issues name the line and the name, never the value.
 */
export function parseHookSecretLines(text: string): HookSecretLines {
  const secrets: HookSecret[] = [];
  const issues: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const at = line.indexOf('=');
    const name = (at < 0 ? line : line.slice(0, at)).trim();
    const value = at < 0 ? '' : line.slice(at + 1);
    const problem = at < 0 ? 'write NAME=value' : hookSecretNameProblem(name)
      ?? (value === '' ? 'give a value (to remove a secret, tick Clear)' : null)
      ?? (value.length > MAX_HOOK_SECRET_CHARS ? `the value is longer than ${MAX_HOOK_SECRET_CHARS} characters` : null)
      ?? (value.includes('\0') ? 'the value holds a NUL character' : null)
      ?? (secrets.some((secret) => secret.name === name) ? `${name} is given twice` : null);
    if (problem) issues.push(`line ${index + 1}${at > 0 && HOOK_SECRET_NAME.test(name) ? ` (${name})` : ''}: ${problem}`);
    else secrets.push({ name, value });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, secrets };
}
