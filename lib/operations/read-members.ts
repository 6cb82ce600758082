import 'server-only';
import { loadFailoverCluster, latestStoredLsn } from '@/lib/db/failover';
import type { FailoverClusterRecord } from '@/lib/failover/plan-types';
import { readHostStatus } from '@/lib/members/read-status';
import { assessCandidates } from '@/lib/failover/candidates';
import { memberReading } from '@/lib/failover/member-reading';
import type { Assessment, MemberReading } from '@/lib/failover/types';

const READ_TIMEOUT_MS = 3_000;

/** Every member read now, in parallel, each within a few seconds (a dead host costs one timeout, not one per host). */
export async function readMembers(record: FailoverClusterRecord): Promise<MemberReading[]> {
  return Promise.all(record.members.map(async (member) => memberReading(member, await readHostStatus(member.hostId, READ_TIMEOUT_MS))));
}

/** The cluster and a fresh assessment of its candidates (never from stored samples, except as a floor for the reference LSN). */
export async function assessCluster(clusterId: number): Promise<{ record: FailoverClusterRecord; readings: MemberReading[]; assessment: Assessment } | null> {
  const record = await loadFailoverCluster(clusterId);
  if (!record) return null;
  const [readings, stored] = await Promise.all([readMembers(record), latestStoredLsn(clusterId)]);
  return { record, readings, assessment: assessCandidates(readings, stored, new Date()) };
}
