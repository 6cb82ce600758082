import 'server-only';
import { currentMemberStates } from '@/lib/clusters/member-states';
import { findCluster, listClusters, type ClusterSummary } from '@/lib/db/clusters';
import { readLagHosts, readLagSeries } from '@/lib/db/lag-read';
import { readSlotsPanel } from '@/lib/db/lag-status-read';
import { readReplicaStatuses } from '@/lib/db/replica-status-read';
import { defineRoute } from '../define-route';
import { problem } from '../problem';
import { clusterDetailSchema, clusterListSchema, lagQuery, lagSeriesSchema, slotsSchema } from '../schemas/clusters';
import { idParams } from '../schemas/common';
import { COMMON_PROBLEMS, INVALID, NOT_FOUND } from './responses';

const clusterView = (cluster: ClusterSummary) => ({ ...cluster, createdAt: cluster.createdAt.toISOString() });
const unknownCluster = () => problem(404, 'There is no such cluster.');

export const listClustersRoute = defineRoute(
  { method: 'GET', path: '/clusters', tag: 'clusters', summary: 'Every cluster with its members', permission: 'read', audit: 'api.clusters.read', responses: { 200: { description: 'The clusters, by name', schema: clusterListSchema }, ...COMMON_PROBLEMS } },
  async () => ({ status: 200, body: { clusters: (await listClusters()).map(clusterView) } }),
);

export const clusterRoute = defineRoute(
  {
    method: 'GET', path: '/clusters/{id}', tag: 'clusters', summary: 'One cluster, its members\' live state and each replica\'s status',
    description: 'The members\' states come from the poller\'s latest tick while it is fresh, else from each member read now (as on the cluster page); replica statuses from the newest samples.',
    permission: 'read', audit: 'api.clusters.read', params: idParams,
    responses: { 200: { description: 'The cluster', schema: clusterDetailSchema }, ...COMMON_PROBLEMS, ...NOT_FOUND },
  },
  async ({ params }) => {
    const [cluster, monitoring] = await Promise.all([findCluster(params.id), readLagHosts(params.id)]);
    if (!cluster || !monitoring) return unknownCluster();
    const [{ states, source }, replicas] = await Promise.all([
      currentMemberStates(cluster.id, cluster.members.map((member) => member.host.id)),
      readReplicaStatuses({ id: cluster.id, monitored: monitoring.monitored, pollIntervalMs: monitoring.pollIntervalMs, replicas: monitoring.hosts }),
    ]);
    const members = cluster.members.map((member) => ({ ...member, state: states.get(member.host.id) ?? { reachable: false as const, error: 'not read' } }));
    return { status: 200, body: { ...clusterView(cluster), monitored: monitoring.monitored, statesFrom: source, members, replicas } };
  },
);

export const clusterLagRoute = defineRoute(
  {
    method: 'GET', path: '/clusters/{id}/lag', tag: 'clusters', summary: 'The cluster\'s lag series over a range (the cluster page\'s chart)', permission: 'read', audit: 'api.clusters.read', params: idParams, query: lagQuery,
    responses: { 200: { description: 'Points, replicas and operation markers', schema: lagSeriesSchema }, ...COMMON_PROBLEMS, ...NOT_FOUND, ...INVALID },
  },
  async ({ params, query }) => {
    const series = await readLagSeries(params.id, query.range);
    return series ? { status: 200, body: series } : unknownCluster();
  },
);

export const clusterSlotsRoute = defineRoute(
  {
    method: 'GET', path: '/clusters/{id}/slots', tag: 'clusters', summary: 'Each replication slot\'s newest reading, free disk and the disk-full forecast', permission: 'read', audit: 'api.clusters.read', params: idParams,
    responses: { 200: { description: 'Slots and disk', schema: slotsSchema }, ...COMMON_PROBLEMS, ...NOT_FOUND },
  },
  async ({ params }) => ((await findCluster(params.id)) ? { status: 200, body: await readSlotsPanel(params.id) } : unknownCluster()),
);
