import type { ServiceControl } from '@/lib/discovery/facts';
import type { PgEndpoint } from '@/lib/replication/plan-types';

/** One member as a failover plan needs it; all values validated before they reach a command. */
export interface FailoverMember {
  readonly hostId: number;
  readonly name: string;
  readonly address: string;
  readonly pgPort: number;
  readonly control: ServiceControl;
  readonly dataDirectory: string;
  readonly applicationName: string;
  readonly slotName: string | null;
}

export interface RoutingHook {
  readonly hostId: number;
  readonly hostName: string;
  readonly command: string;
  readonly timeoutMs: number;
  /** The cluster's hook secrets, handed to the command in its environment (never in its command line). */
  readonly env: readonly HookSecret[];
}

/** A named value a routing hook reads from its environment (e.g. DNS_API_TOKEN); the name is validated, the value secret. */
export interface HookSecret {
  readonly name: string;
  readonly value: string;
}

/** Cluster settings a failover reuses from setup (no secrets). */
export interface FailoverCluster {
  readonly name: string;
  readonly roleName: string;
  readonly tls: boolean;
  /** Every member holds a certificate from Tandem's CA, so replication verifies it (verify-full). */
  readonly tlsVerified: boolean;
  readonly slots: boolean;
  readonly major: number;
  readonly passwordMethod: 'scram-sha-256' | 'md5';
  /** Every member's address and port: the only servers a member's replication passfile names. */
  readonly endpoints: readonly PgEndpoint[];
}

/**
 * Tandem's own records a failover changes, handed to the steps so they stay free of the
 * database: fencing marks, the primary's role, and the notification call site.
 */
export interface FailoverRecorder {
  isFenced(hostName: string): Promise<boolean>;
  /** `enforced`: the member was proven stopped with its automatic start off; false when fenced on an acknowledgement. */
  markFenced(hostName: string, reason: string, enforced: boolean): Promise<void>;
  /** Clears the fence mark and records the slot the member now streams through. */
  clearFence(hostName: string, slotName: string | null): Promise<void>;
  primaryName(): Promise<string | null>;
  /** In one transaction: `newPrimary` becomes the primary, every other member a replica. */
  setPrimary(newPrimary: string): Promise<void>;
  notify(event: FailoverEvent): Promise<void>;
}

export interface FailoverEvent {
  readonly event: 'promote' | 'switchover' | 'rejoin';
  readonly summary: string;
}

/** A cluster member as Tandem records it, with its control method and data directory from the last discovery. */
export interface FailoverMemberRecord {
  readonly hostId: number;
  readonly name: string;
  readonly address: string;
  readonly pgPort: number;
  readonly role: 'primary' | 'replica';
  readonly applicationName: string;
  readonly slotName: string | null;
  readonly fenced: boolean;
  readonly fencedAt: Date | null;
  readonly fenceReason: string | null;
  readonly control: ServiceControl;
  readonly dataDirectory: string | null;
}

/** A cluster as failover plans and their checks need it. */
export interface FailoverClusterRecord {
  readonly id: number;
  readonly cluster: FailoverCluster;
  readonly lagGuardBytes: number;
  /** As stored; decoded by parseRoutingHooks. */
  readonly routingHooks: unknown;
  readonly members: readonly FailoverMemberRecord[];
}
