import { replicationTlsOptions } from '@/lib/tls/member-files';
import type { FailoverCluster } from './plan-types';

/** The libpq TLS options of the cluster's replication and pg_rewind connections (verify-full with Tandem's CA when TLS is on). */
export function clusterTlsOptions(cluster: FailoverCluster): Record<string, string> {
  return replicationTlsOptions({ tls: cluster.tls, verified: cluster.tlsVerified, clusterName: cluster.name, major: cluster.major, passwordMethod: cluster.passwordMethod });
}
