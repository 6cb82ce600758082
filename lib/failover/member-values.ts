import type { FailoverClusterRecord, FailoverMemberRecord } from './plan-types';
import { isHostName, isIpAddress, isSafePath } from '@/lib/replication/names';
import { isValidApplicationName, isValidSlotName } from '@/lib/pg/quote-ident';
import type { FailoverMember } from './plan-types';
import type { MemberReading } from './types';

/** Why a member's values may not reach a command (null when they all pass the strict patterns). */
export function memberValueProblem(member: FailoverMember): string | null {
  if (!isHostName(member.name)) return `${member.name.slice(0, 60)} is not a valid host label`;
  if (!isIpAddress(member.address)) return `${member.name}'s address ${member.address.slice(0, 60)} is not a literal IP address`;
  if (!Number.isInteger(member.pgPort) || member.pgPort < 1 || member.pgPort > 65_535) return `${member.name}'s PostgreSQL port is invalid`;
  if (!isSafePath(member.dataDirectory)) return `${member.name}'s data directory ${member.dataDirectory.slice(0, 80)} is not a plain absolute path`;
  if (!isValidApplicationName(member.applicationName)) return `${member.name}'s application name is invalid`;
  if (member.slotName !== null && !isValidSlotName(member.slotName)) return `${member.name}'s slot name is invalid`;
  return null;
}

/** A recorded member's data directory: as read just now, else from its last discovery; null when neither knows it. */
export function dataDirectoryOf(member: FailoverMemberRecord, readings: readonly MemberReading[]): string | null {
  return readings.find((reading) => reading.hostId === member.hostId)?.dataDirectory ?? member.dataDirectory;
}

/** A recorded member with this data directory as plans use it, or why its values may not reach a command. Pure. */
export function failoverMemberOf(member: FailoverMemberRecord, dataDirectory: string): FailoverMember | string {
  const value: FailoverMember = { hostId: member.hostId, name: member.name, address: member.address, pgPort: member.pgPort, control: member.control, dataDirectory, applicationName: member.applicationName, slotName: member.slotName };
  const problem = memberValueProblem(value);
  return problem ? `${problem}; Tandem will not use it in a command.` : value;
}

/** The recorded member `name` as plans use it (data directory read now, else from discovery), or why it cannot be used. Pure. */
export function toFailoverMember(record: FailoverClusterRecord, readings: readonly MemberReading[], name: string): FailoverMember | string {
  const member = record.members.find((entry) => entry.name === name);
  if (!member) return `${name} is not a member of cluster ${record.cluster.name}.`;
  const dataDirectory = dataDirectoryOf(member, readings);
  if (dataDirectory === null) return `Tandem does not know ${name}'s data directory; test its connection first.`;
  return failoverMemberOf(member, dataDirectory);
}
