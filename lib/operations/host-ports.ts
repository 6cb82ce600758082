import 'server-only';
import { db } from '@/lib/db/client';
import { loadHostTarget, loadStepTargets } from '@/lib/db/hosts';
import { targetChanges, type StepTarget } from '@/lib/inventory/step-target';
import { psqlOverSsh } from '@/lib/pg/psql-over-ssh';
import type { PgProbe, RemoteShell, StepPorts } from '@/lib/replication/engine';
import { getSshPool } from '@/lib/ssh/pool';

type HostTarget = NonNullable<Awaited<ReturnType<typeof loadHostTarget>>>;

/** A host a step was planned against: by its id, and only while it is still that machine. */
async function boundHost(target: StepTarget): Promise<HostTarget> {
  const [current] = await loadStepTargets({ ids: [target.hostId] });
  const changes = targetChanges(target, current ?? null);
  if (changes.length > 0) throw new Error(`${target.name} changed since this operation was planned (${changes.join(', ')}); Tandem will not send its commands elsewhere.`);
  const host = await loadHostTarget(target.hostId);
  if (!host) throw new Error(`Host ${target.name} is no longer in Tandem's inventory.`);
  return host;
}

/** A host no step names (a routing hook's), by its name now. */
async function namedHost(name: string): Promise<HostTarget> {
  const row = await (await db()).host.findUnique({ where: { name }, select: { id: true } });
  const host = row ? await loadHostTarget(row.id) : null;
  if (!host) throw new Error(`Host ${name} is no longer in Tandem's inventory.`);
  return host;
}

/**
 * The engine's ports on the real SSH pool and psql over SSH, for one run. Hosts the steps
 * were planned against (`bound`, by name) are reached by their recorded id and refused when
 * edited since; each host is looked up (and its credentials decrypted) once per run.
 */
export function hostPorts(bound: ReadonlyMap<string, StepTarget>): StepPorts {
  const hosts = new Map<string, Promise<HostTarget>>();
  const host = (name: string) => {
    let found = hosts.get(name);
    if (!found) {
      const target = bound.get(name);
      found = target ? boundHost(target) : namedHost(name);
      found.catch(() => hosts.delete(name));
      hosts.set(name, found);
    }
    return found;
  };
  const shell: RemoteShell = {
    async exec(name, command, options = {}) {
      const { target } = await host(name);
      const result = await getSshPool().exec(target, command, {
        ...(options.as ? { as: options.as } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onLine ? { onLine: options.onLine } : {}),
        ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
      });
      return { code: result.code, stdout: result.stdout, stderr: result.stderr, durationMs: result.durationMs };
    },
  };
  const pg: PgProbe = {
    async query(name, sql, options = {}) {
      const { target, pgPort } = await host(name);
      return psqlOverSsh(target, sql, {
        port: pgPort,
        ...(options.params ? { params: options.params } : {}),
        ...(options.secretParams ? { secretParams: options.secretParams } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    },
  };
  return { shell, pg };
}
