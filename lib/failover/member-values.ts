import { isHostName, isIpAddress, isSafePath } from '@/lib/replication/names';
import { isValidApplicationName, isValidSlotName } from '@/lib/pg/quote-ident';
import type { FailoverMember } from './plan-types';

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
