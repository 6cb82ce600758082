import type { ServiceControl } from '@/lib/discovery/facts';
import type { FailoverCluster, FailoverMember } from '../plan-types';

/** Cluster `orders` as setup leaves it: PostgreSQL 15, slots, no TLS. */
export const ordersCluster: FailoverCluster = {
  name: 'orders', roleName: 'replicator', tls: false, tlsVerified: false, slots: true, major: 15, passwordMethod: 'scram-sha-256',
  endpoints: [11, 12, 13].map((octet) => ({ host: `10.88.0.${octet}`, port: 5432 })),
};

/** A Debian-layout member `pgN` at 10.88.0.1N (cluster 15/main), or with another control method. */
export function member(name: string, octet: number, control: ServiceControl = { kind: 'pg_ctlcluster', version: '15', name: 'main' }): FailoverMember {
  return {
    hostId: octet, name, address: `10.88.0.${octet}`, pgPort: 5432, control,
    dataDirectory: '/var/lib/postgresql/15/main', applicationName: name, slotName: `tandem_${name}`,
  };
}

/** pg1 (the primary), pg2 and pg3. */
export const ordersMembers: readonly FailoverMember[] = [member('pg1', 11), member('pg2', 12), member('pg3', 13)];
