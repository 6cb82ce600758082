import type { FailoverMemberRecord } from './plan-types';
import type { MemberReadout } from '@/lib/members/status';
import type { MemberReading } from './types';

/**
 * A member's reading for the failover assessment, from its record and what it answered
 * now. An unreachable member keeps its recorded data directory and the first line of why. Pure.
 */
export function memberReading(member: FailoverMemberRecord, readout: MemberReadout): MemberReading {
  const base = { hostId: member.hostId, name: member.name, address: member.address, pgPort: member.pgPort, role: member.role, fenced: member.fenced };
  if (!readout.reachable) {
    return {
      ...base, reachable: false, error: readout.error.split('\n')[0] || 'no reply',
      inRecovery: null, currentLsn: null, receiveLsn: null, replayLsn: null, lastReplayAt: null, timeline: null, receivedTli: null,
      receiverStatus: null, senderHost: null, slotName: null, replayPaused: null, dataDirectory: member.dataDirectory,
    };
  }
  const { status } = readout;
  return {
    ...base, reachable: true, error: null,
    inRecovery: status.inRecovery, currentLsn: status.currentLsn, receiveLsn: status.receiveLsn, replayLsn: status.replayLsn,
    lastReplayAt: status.lastReplayAt?.toISOString() ?? null, timeline: status.timeline,
    receivedTli: status.receiver?.receivedTli ?? null, receiverStatus: status.receiver?.status ?? null,
    senderHost: status.receiver?.senderHost ?? null, slotName: status.receiver?.slotName ?? null,
    replayPaused: status.replayPaused, dataDirectory: status.settings.dataDirectory,
  };
}
