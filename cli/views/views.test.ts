import { describe, expect, it } from 'vitest';
import { alertList, clusterDetail, clusterList, failedOperation, hostList, NOW, operationList, runningOperation } from '../testing/fixtures';
import { alertsTable } from './alerts';
import { clustersTable, clusterView, lagTable } from './clusters';
import { hostsTable } from './hosts';
import { endLines, liveLine, operationsTable, stepLine } from './operations';

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

describe('the CLI\'s tables, from answers the API\'s schemas parse', () => {
  it('lists clusters with their primary and replicas, fenced ones marked', () => {
    expect(clustersTable(clusterList)).toBe(lines(
      'NAME     ID  STATUS      POSTGRESQL  PRIMARY  REPLICAS',
      'orders   1   active      15          pg1      pg2, pg3 (fenced)',
      'billing  2   setting_up  —           —        —',
    ));
    expect(clustersTable({ clusters: [] })).toMatch(/^No clusters yet/);
  });

  it('shows one cluster\'s members with role, state as PostgreSQL reports it, replica status and lag (idle, never 0), then why a member did not answer', () => {
    expect(clusterView(clusterDetail)).toBe(lines(
      'Cluster orders (id 1): active, PostgreSQL 15, monitored; states from the poller, 800 ms ago',
      '',
      'MEMBER  ADDRESS          ROLE              STATE                            STATUS       REPLAY LAG  TIME LAG',
      'pg1     10.88.0.11:5432  primary           read-write                       —            —           —',
      'pg2     10.88.0.12:5432  replica           in recovery, receiver streaming  streaming    19.1 MiB    4.2 s',
      'pg3     10.88.0.13:5432  replica (fenced)  unreachable                      unreachable  3 GiB       idle',
      '',
      'pg3: root@10.88.0.13:22 timed out',
      'pg3 is fenced: promoted pg2',
    ));
  });

  it('shows each replica\'s lag at every WAL position in IEC units, with heartbeat, reply and sample age', () => {
    expect(lagTable(clusterDetail, NOW)).toBe(lines(
      'REPLICA  STATUS       SYNC   SENT  WRITE  FLUSH    REPLAY    REPLAY TIME  HEARTBEAT  REPLY AGE  SAMPLE AGE',
      'pg2      streaming    async  0 B   512 B  1.5 KiB  19.1 MiB  4.2 s        950 ms     800 ms     1.2 s',
      'pg3      unreachable  —      —     —      —        3 GiB     idle         —          —          1 min 5 s',
    ));
    expect(lagTable({ ...clusterDetail, replicas: [] }, NOW)).toBe('Cluster orders has no replicas.\n');
  });

  it('lists hosts with where they are reached, their key and clusters', () => {
    expect(hostsTable(hostList)).toBe(lines(
      'NAME   ID  SSH                     AUTH      PG PORT  PG VIA      HOST KEY    CLUSTERS          LABELS',
      'pg1    11  root@10.88.0.11:22      key       5432     direct      pinned      orders (primary)  dc1, ssd',
      'spare  14  tandem@10.88.0.14:2222  password  5433     ssh_tunnel  not pinned  —                 —',
    ));
  });

  it('lists open alerts and operations with their ages', () => {
    expect(alertsTable(alertList, NOW)).toBe(lines(
      'ID  SEVERITY  CLUSTER  SUBJECT  OPEN FOR   ACKNOWLEDGED        SUMMARY',
      '5   critical  orders   pg3      2 min 0 s  by ops@example.com  pg3 is unreachable',
      '6   warning   orders   pg2      30 s       no                  replay lag 19.1 MiB over 16 MiB',
    ));
    expect(operationsTable(operationList, NOW)).toBe(lines(
      'ID  KIND           STATUS     CLUSTER  REQUESTED BY      AGE         OUTCOME',
      '43  switchover     succeeded  orders   ops@example.com   3 min 0 s   All 9 steps succeeded.',
      '41  check-cluster  pending    —        seed@example.com  48 h 0 min  —',
    ));
  });

  it('follows an operation: the live line with the running step\'s progress, a line per step, and what failed with its output', () => {
    expect(liveLine(runningOperation, NOW)).toBe('operation 42 add-replica running: step 2/3 [pg4] Base backup, 1 min 40 s — 37% of 4 GiB, 1.5 GiB done, ETA 1 min 5 s');
    expect(stepLine(runningOperation, runningOperation.steps[0]!)).toBe('step 1/3 [pg1] Preflight: succeeded — All checks passed.');
    expect(endLines(failedOperation)).toBe(lines(
      'Operation 42 (add-replica on orders) failed: Step 2 failed.',
      '  failed: step 2/3 [pg4] Base backup — pg_basebackup exited with 1',
      '    pg_basebackup: error: connection refused',
      '    pg_basebackup: removing data directory',
    ));
  });
});
