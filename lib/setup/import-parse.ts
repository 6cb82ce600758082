import { majorOf, type MemberStatus } from '@/lib/members/status';
import type { ImportProbe } from './import-decide';

/** What import decides on, from a host's member status: version, role, sync names, walsenders and the WAL receiver. Pure. */
export function importFacts(status: MemberStatus): Pick<ImportProbe, 'major' | 'inRecovery' | 'synchronousStandbyNames' | 'walSenders' | 'receiver'> {
  return {
    major: majorOf(status.settings) || null,
    inRecovery: status.inRecovery,
    synchronousStandbyNames: status.settings.synchronousStandbyNames,
    walSenders: status.walSenders.map((sender) => ({
      clientAddr: sender.clientAddr, applicationName: sender.applicationName, state: sender.state ?? 'unknown', syncState: sender.syncState ?? 'unknown',
      usename: sender.usename ?? '', slotName: sender.slotName,
    })),
    receiver: status.receiver ? { status: status.receiver.status ?? 'unknown', senderHost: status.receiver.senderHost } : null,
  };
}
