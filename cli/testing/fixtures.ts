import { clusterDetailSchema, clusterListSchema } from '@/lib/api/schemas/clusters';
import { hostListSchema } from '@/lib/api/schemas/hosts';
import { alertListSchema } from '@/lib/api/schemas/alerts';
import { operationListSchema, operationSchema } from '@/lib/api/schemas/operations';

/**
 * Answers of /api/v1 as the server sends them, each parsed with the schema the route parses
 * its answer with before sending it, so a fixture the API could not send fails here first.
 */
const pg = (id: number, name: string, address: string) => ({ id, name, sshAddress: address, pgPort: 5432 });

export const NOW = Date.parse('2026-12-04T10:00:00.000Z');

export const clusterList = clusterListSchema.parse({
  clusters: [
    {
      id: 1, name: 'orders', status: 'active', pgMajor: 15, replicationRole: 'tandem_replication', createdAt: '2026-12-01T09:00:00.000Z',
      members: [
        { id: 1, role: 'primary', applicationName: 'pg1', slotName: 'tandem_pg1', fenced: false, fenceReason: null, host: pg(11, 'pg1', '10.88.0.11') },
        { id: 2, role: 'replica', applicationName: 'pg2', slotName: 'tandem_pg2', fenced: false, fenceReason: null, host: pg(12, 'pg2', '10.88.0.12') },
        { id: 3, role: 'replica', applicationName: 'pg3', slotName: 'tandem_pg3', fenced: true, fenceReason: 'promoted pg2', host: pg(13, 'pg3', '10.88.0.13') },
      ],
    },
    { id: 2, name: 'billing', status: 'setting_up', pgMajor: null, replicationRole: null, createdAt: '2026-12-02T09:00:00.000Z', members: [] },
  ],
});

const sample = {
  at: NOW - 1200, status: 'streaming', state: 'streaming', syncState: 'async', sentBytes: 0, writeBytes: 512, flushBytes: 1536, replayBytes: 20_000_000,
  writeLagMs: 2, flushLagMs: 3, replayLagMs: 4200, replyAgeMs: 800, replayPaused: false, receiverStatus: 'streaming', heartbeatLagMs: 950,
};

export const clusterDetail = clusterDetailSchema.parse({
  ...clusterList.clusters[0],
  monitored: true,
  statesFrom: { kind: 'monitor', ageMs: 800 },
  members: [
    { ...clusterList.clusters[0]!.members[0], state: { reachable: true, inRecovery: false, receiver: null } },
    { ...clusterList.clusters[0]!.members[1], state: { reachable: true, inRecovery: true, receiver: 'streaming' } },
    { ...clusterList.clusters[0]!.members[2], state: { reachable: false, error: 'root@10.88.0.13:22 timed out' } },
  ],
  replicas: [
    { hostId: 12, name: 'pg2', status: 'streaming', sample },
    { hostId: 13, name: 'pg3', status: 'unreachable', sample: { ...sample, status: 'unreachable', syncState: null, sentBytes: null, writeBytes: null, flushBytes: null, replayBytes: 3 * 1024 ** 3, replayLagMs: null, heartbeatLagMs: null, replyAgeMs: null, at: NOW - 65_000 } },
  ],
});

export const hostList = hostListSchema.parse({
  hosts: [
    { id: 11, name: 'pg1', sshAddress: '10.88.0.11', sshPort: 22, sshUser: 'root', authMethod: 'key', pgPort: 5432, pgVia: 'direct', labels: ['dc1', 'ssd'], notes: '', hostKeyFingerprint: 'SHA256:abc', hostKeyPinnedAt: '2026-12-01T08:00:00.000Z', createdAt: '2026-12-01T08:00:00.000Z', clusters: [{ id: 1, name: 'orders', role: 'primary' }] },
    { id: 14, name: 'spare', sshAddress: '10.88.0.14', sshPort: 2222, sshUser: 'tandem', authMethod: 'password', pgPort: 5433, pgVia: 'ssh_tunnel', labels: [], notes: 'new', hostKeyFingerprint: null, hostKeyPinnedAt: null, createdAt: '2026-12-03T08:00:00.000Z', clusters: [] },
  ],
});

export const alertList = alertListSchema.parse({
  alerts: [
    { id: 5, clusterId: 1, clusterName: 'orders', metric: 'replica_down', severity: 'critical', subject: 'pg3', summary: 'pg3 is unreachable', openedAt: '2026-12-04T09:58:00.000Z', resolvedAt: null, acknowledgedAt: '2026-12-04T09:59:00.000Z', acknowledgedBy: 'ops@example.com', ackComment: 'on it' },
    { id: 6, clusterId: 1, clusterName: 'orders', metric: 'replay_lag', severity: 'warning', subject: 'pg2', summary: 'replay lag 19.1 MiB over 16 MiB', openedAt: '2026-12-04T09:59:30.000Z', resolvedAt: null, acknowledgedAt: null, acknowledgedBy: null, ackComment: null },
  ],
});

const step = (position: number, name: string, status: string, extra: Record<string, unknown> = {}) => ({
  position, name, host: 'pg1', status, commands: [], outputTail: '', restricted: false, outcome: null, progress: null, startedAt: null, finishedAt: null, ...extra,
});

export const runningOperation = operationSchema.parse({
  id: 42, kind: 'add-replica', status: 'running', cluster: { id: 1, name: 'orders' }, requestedBy: 'ops@example.com', reason: 'Add pg4', outcome: null,
  createdAt: '2026-12-04T09:55:00.000Z', startedAt: '2026-12-04T09:55:01.000Z', finishedAt: null,
  steps: [
    step(0, 'Preflight', 'succeeded', { outcome: 'All checks passed.', startedAt: '2026-12-04T09:55:01.000Z', finishedAt: '2026-12-04T09:55:02.000Z' }),
    step(1, 'Base backup', 'running', { host: 'pg4', startedAt: '2026-12-04T09:58:20.000Z', progress: { done: 1.5 * 1024 ** 3, total: 4 * 1024 ** 3, unit: 'bytes', ratePerSecond: 50 * 1024 ** 2, etaSeconds: 65, at: '2026-12-04T09:59:59.000Z' } }),
    step(2, 'Start the replica', 'pending', { host: 'pg4' }),
  ],
});

export const failedOperation = operationSchema.parse({
  ...runningOperation, status: 'failed', outcome: 'Step 2 failed.', finishedAt: '2026-12-04T10:00:00.000Z',
  steps: [runningOperation.steps[0], { ...runningOperation.steps[1], status: 'failed', outcome: 'pg_basebackup exited with 1', outputTail: 'pg_basebackup: error: connection refused\npg_basebackup: removing data directory\n', progress: null }, runningOperation.steps[2]],
});

export const operationList = operationListSchema.parse({
  operations: [
    { id: 43, kind: 'switchover', status: 'succeeded', cluster: { id: 1, name: 'orders' }, requestedBy: 'ops@example.com', reason: 'Switch over to pg2: kernel', outcome: 'All 9 steps succeeded.', createdAt: '2026-12-04T09:57:00.000Z', startedAt: '2026-12-04T09:57:00.000Z', finishedAt: '2026-12-04T09:57:20.000Z' },
    { id: 41, kind: 'check-cluster', status: 'pending', cluster: null, requestedBy: 'seed@example.com', reason: 'held', outcome: null, createdAt: '2026-12-02T10:00:00.000Z', startedAt: null, finishedAt: null },
  ],
});
