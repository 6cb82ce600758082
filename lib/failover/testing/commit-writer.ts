import { labExec, labSql } from '@/lab/client';
import { requestSwitchover } from '@/lib/operations/switchover/request';
import { waitForOperation } from '@/lib/operations/runner';
import { labActor } from '@/lib/setup/testing/lab-fixture';
import { operationRow, waitReplayed } from './promote-fixture';

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

/**
 * Cluster `orders` switched over from pg1 to pg2 through Tandem while the writer commits on
 * pg1: the writer has committed 50 rows before the request. Returns the operation's row and
 * status, the ids the server acknowledged, and those of them missing on pg2 afterwards.
 * Import after the test file has set DATABASE_URL and TANDEM_SECRET_KEY.
 */
export async function switchoverUnderWrites(clusterId: number, reason: string) {
  await labSql('pg1', 'CREATE TABLE load_lab (id int PRIMARY KEY)');
  await waitReplayed('pg2', await labSql('pg1', 'SELECT pg_current_wal_lsn()'));
  const writer = acknowledgedCommits('pg1');
  for (let tries = 0; tries < 100 && Number(await labSql('pg1', 'SELECT count(*) FROM load_lab')) < 50; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  const started = await requestSwitchover(clusterId, { candidate: 'pg2', confirmName: 'orders', reason }, labActor, Date.now());
  if (!started.ok) throw new Error(started.message);
  const status = (await waitForOperation(started.operationId))?.status;
  const row = await operationRow(started.operationId);
  const committed = await writer;
  const onPg2 = new Set((await labSql('pg2', "SELECT string_agg(id::text, ',') FROM load_lab")).split(',').map(Number));
  return { status, row, failedSteps: JSON.stringify(row.steps.filter((step) => step.status === 'failed')), committed, missingOnPg2: committed.filter((id) => !onPg2.has(id)) };
}
