import 'server-only';
import { loadHostTarget } from '@/lib/db/hosts';
import { getSshPool } from '@/lib/ssh/pool';
import { sh } from '@/lib/ssh/shell';
import { parseDfAvail } from './parse-rows';

const DF_TIMEOUT_MS = 10_000;

/**
 * Free bytes on the file system holding `dataDirectory`, read with `df` over the host's
 * pooled SSH connection. Null when it cannot be read; never throws, because a missing
 * disk figure must not fail a tick.
 */
export async function readDiskFree(hostId: number, dataDirectory: string): Promise<number | null> {
  try {
    const host = await loadHostTarget(hostId);
    if (!host) return null;
    const result = await getSshPool().exec(host.target, sh`df -B1 --output=avail -- ${dataDirectory}`, { timeoutMs: DF_TIMEOUT_MS });
    return result.code === 0 ? parseDfAvail(result.stdout) : null;
  } catch {
    return null;
  }
}
