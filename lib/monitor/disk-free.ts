import 'server-only';
import { loadHostTarget } from '@/lib/db/hosts';
import { getSshPool } from '@/lib/ssh/pool';
import { sh } from '@/lib/ssh/shell';
import { parseDfAvail } from './parse-rows';

const DF_TIMEOUT_MS = 10_000;
const lastFailure = new Map<number, string>();

function failed(hostId: number, reason: string): null {
  if (lastFailure.get(hostId) !== reason) console.warn(`[tandem] could not read free disk on host ${hostId}: ${reason}`);
  lastFailure.set(hostId, reason);
  return null;
}

/**
 * Free bytes on the file system holding `dataDirectory`, read with `df` over the host's
 * pooled SSH connection. Null when it cannot be read (logged once per distinct reason);
 * never throws, because a missing disk figure must not fail a tick.
 */
export async function readDiskFree(hostId: number, dataDirectory: string): Promise<number | null> {
  try {
    const host = await loadHostTarget(hostId);
    if (!host) return null;
    const result = await getSshPool().exec(host.target, sh`df -B1 --output=avail -- ${dataDirectory}`, { timeoutMs: DF_TIMEOUT_MS });
    const free = result.code === 0 ? parseDfAvail(result.stdout) : null;
    if (free === null) return failed(hostId, `df exited ${String(result.code)}: ${result.stderr.trim().slice(0, 200)}`);
    lastFailure.delete(hostId);
    return free;
  } catch (error: unknown) {
    return failed(hostId, error instanceof Error ? error.message : String(error));
  }
}
