import { labExec } from '@/lab/client';
import { sql, type SqlText } from '@/lib/pg/sql';

/** Runs one query inside a lab host over its local socket (works while the host is partitioned); the trimmed output. */
export async function localSql(host: string, query: SqlText): Promise<string> {
  const result = await labExec(host, ['runuser', '-u', 'postgres', '--', 'psql', '-XtAc', query], { timeoutMs: 10_000 });
  if (result.code !== 0) throw new Error(`psql inside ${host} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

export interface WritableSighting {
  readonly host: string;
  readonly at: number;
}

/**
 * Asks every named lab host every 200 ms, locally inside the host (peer authentication on
 * its socket, so a partitioned member is seen too), whether it accepts writes: it answers
 * and is not in recovery. Keeps every sighting of a writable member until stopped.
 */
export function watchWritable(hosts: readonly string[], everyMs = 200): { stop: () => Promise<WritableSighting[]> } {
  const sightings: WritableSighting[] = [];
  let running = true;
  const loops = hosts.map(async (host) => {
    while (running) {
      const started = Date.now();
      if (await localSql(host, sql`SELECT NOT pg_is_in_recovery()`).catch(() => null) === 't') sightings.push({ host, at: started });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (Date.now() - started))));
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return sightings;
    },
  };
}
