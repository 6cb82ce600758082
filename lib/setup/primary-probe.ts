import type { MemberStatus } from '@/lib/members/status';
import type { PrimaryProbe } from '@/lib/replication/setup-types';

/** What preflight checks on the primary, from its member status: replication headroom, who streams, slots and risky settings. Pure. */
export function primaryProbeOf(status: MemberStatus): PrimaryProbe {
  return {
    maxWalSenders: status.settings.maxWalSenders,
    maxReplicationSlots: status.settings.maxReplicationSlots,
    walSenderNames: status.walSenders.map((sender) => sender.applicationName),
    slotNames: status.slots.map((slot) => slot.slotName),
    fsync: status.settings.fsync,
    fullPageWrites: status.settings.fullPageWrites,
    synchronousCommit: status.settings.synchronousCommit,
  };
}
