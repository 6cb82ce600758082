import 'server-only';
import { db } from '@/lib/db/client';
import { loadHostTarget } from '@/lib/db/hosts';
import { psqlOverSsh } from '@/lib/pg/psql-over-ssh';
import type { PgProbe, RemoteShell, StepPorts } from '@/lib/replication/engine';
import { getSshPool } from '@/lib/ssh/pool';

async function hostByName(name: string) {
  const row = await (await db()).host.findUnique({ where: { name }, select: { id: true } });
  const host = row ? await loadHostTarget(row.id) : null;
  if (!host) throw new Error(`Host ${name} is no longer in Tandem's inventory.`);
  return host;
}

/**
 * The engine's ports on the real SSH pool and psql over SSH. Made once per operation run:
 * each host is looked up (and its credentials decrypted) once for the run, not per command.
 */
export function hostPorts(): StepPorts {
  const hosts = new Map<string, ReturnType<typeof hostByName>>();
  const host = (name: string) => {
    let found = hosts.get(name);
    if (!found) {
      found = hostByName(name);
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
