/**
 * The cluster page's sections, each its own route under /clusters/[id]. The overview is what
 * an incident needs (topology with the incident banner and promote, alerts, replica status,
 * lag, slots); the rest (failover, backups and restores, operations, settings) is one link away. Alert and webhook links point at the overview.
 */
export const CLUSTER_TABS = [
  { tab: 'overview', segment: '', label: 'Overview' },
  { tab: 'failover', segment: 'failover', label: 'Failover' },
  { tab: 'backups', segment: 'backups', label: 'Backups' },
  { tab: 'operations', segment: 'operations', label: 'Operations' },
  { tab: 'settings', segment: 'settings', label: 'Settings' },
] as const;

export type ClusterTab = (typeof CLUSTER_TABS)[number]['tab'];

export function clusterPath(clusterId: number, tab: ClusterTab = 'overview'): string {
  const segment = CLUSTER_TABS.find((entry) => entry.tab === tab)?.segment;
  return segment ? `/clusters/${clusterId}/${segment}` : `/clusters/${clusterId}`;
}

/** Every section's path, for an action whose change shows on more than one of them. */
export const clusterPaths = (clusterId: number): string[] => CLUSTER_TABS.map((entry) => clusterPath(clusterId, entry.tab));
