import 'server-only';
import type { FailoverClusterRecord } from '@/lib/db/failover';
import { memberValueProblem } from './member-values';
import type { FailoverMember } from './plan-types';
import type { MemberReading } from './types';

/** A recorded member with its data directory (read now, else from discovery) as plans use it, or why it cannot be used. */
export function toFailoverMember(record: FailoverClusterRecord, readings: readonly MemberReading[], name: string): FailoverMember | string {
  const member = record.members.find((entry) => entry.name === name);
  if (!member) return `${name} is not a member of cluster ${record.cluster.name}.`;
  const dataDirectory = readings.find((reading) => reading.hostId === member.hostId)?.dataDirectory ?? member.dataDirectory;
  if (dataDirectory === null) return `Tandem does not know ${name}'s data directory; test its connection first.`;
  const value: FailoverMember = { hostId: member.hostId, name: member.name, address: member.address, pgPort: member.pgPort, control: member.control, dataDirectory, applicationName: member.applicationName, slotName: member.slotName };
  const problem = memberValueProblem(value);
  return problem ? `${problem}; Tandem will not use it in a command.` : value;
}
