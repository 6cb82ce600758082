import { asSentence } from '@/lib/format/sentence';

/**
 * The incident banner's second line: why the primary does not answer (an SSH or PostgreSQL
 * error, usually a sentence already) and what that means for writes, with one full stop each.
 */
export function incidentDetail(error: string): string {
  return `${asSentence(error)} Writes to this cluster are failing until it is back or a replica is promoted.`;
}
