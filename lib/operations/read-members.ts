import 'server-only';
import { loadFailoverCluster, latestStoredLsn } from '@/lib/db/failover';
import type { FailoverClusterRecord } from '@/lib/failover/plan-types';
import { readHostStatus } from '@/lib/members/read-status';
import { assessCandidates } from '@/lib/failover/candidates';
import { memberReading } from '@/lib/failover/member-reading';
import type { Assessment, MemberReading } from '@/lib/failover/types';

const READ_TIMEOUT_MS = 3_000;

export interface ClusterAssessment {
  readonly record: FailoverClusterRecord;
  readonly readings: MemberReading[];
  readonly assessment: Assessment;
}

/** Every member read now, in parallel, each within a few seconds (a dead host costs one timeout, not one per host). */
export async function readMembers(record: FailoverClusterRecord): Promise<MemberReading[]> {
  return Promise.all(record.members.map(async (member) => memberReading(member, await readHostStatus(member.hostId, READ_TIMEOUT_MS))));
}

async function assessRecord(record: FailoverClusterRecord): Promise<ClusterAssessment> {
  const [readings, stored] = await Promise.all([readMembers(record), latestStoredLsn(record.id)]);
  return { record, readings, assessment: assessCandidates(readings, stored, new Date()) };
}

/** The cluster and a fresh assessment of its candidates (never from stored samples, except as a floor for the reference LSN). */
export async function assessCluster(clusterId: number): Promise<ClusterAssessment | null> {
  const record = await loadFailoverCluster(clusterId);
  return record ? assessRecord(record) : null;
}

/**
 * {@link assessCluster} for a request that names one of the cluster's members (the candidate of
 * a promote or switchover, the member to rejoin): a name that is not a member is refused from
 * the stored record, before any host is read, so a typo or a forged form reaches no host.
 */
export async function assessClusterFor(clusterId: number, memberName: string): Promise<ClusterAssessment | { readonly refused: string } | null> {
  const record = await loadFailoverCluster(clusterId);
  if (!record) return null;
  if (!record.members.some((member) => member.name === memberName)) return { refused: `${memberName} is not a member of cluster ${record.cluster.name}.` };
  return assessRecord(record);
}
