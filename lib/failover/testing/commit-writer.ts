import { labExec } from '@/lab/client';

/** A client on `host` that inserts one row per transaction into load_lab and prints each id whose commit returned; it gives up after 40 failures in a row. */
const WRITER = `cd /
i=0; fails=0
while [ "$fails" -lt 40 ]; do
  i=$((i+1))
  if psql -XAtq -v ON_ERROR_STOP=1 -c "INSERT INTO load_lab (id) VALUES ($i)" >/dev/null 2>&1; then echo "$i"; fails=0; else fails=$((fails+1)); sleep 0.05; fi
done`;

/**
 * Starts the writer on `host` as postgres (table load_lab (id int PRIMARY KEY) must exist).
 * Resolves, once the writer gives up (its primary went away for good), with the ids the server acknowledged.
 */
export async function acknowledgedCommits(host: string, timeoutMs = 180_000): Promise<number[]> {
  const written = await labExec(host, ['runuser', '-u', 'postgres', '--', 'bash', '-c', WRITER], { timeoutMs });
  return written.stdout.split('\n').filter((line) => /^\d+$/.test(line)).map(Number);
}
