/** The little a two-primaries check needs from each member's live state. */
export interface WritableProbe {
  readonly name: string;
  readonly reachable: boolean;
  readonly inRecovery: boolean | null;
  /** Tandem fenced it after a failover. */
  readonly fenced: boolean;
}

/**
 * The members that accept writes now (answering and not in recovery). More than one is a
 * split brain: e.g. a fenced old primary that came back with its old automatic start. Pure.
 */
export function writableMembers(states: readonly WritableProbe[]): string[] {
  return states.filter((state) => state.reachable && state.inRecovery === false).map((state) => state.name).sort();
}

/**
 * A sentence for the warning when more than one member is writable, else null. It says
 * what Tandem does about it: a fenced member is stopped by the fence guard as soon as it
 * can be reached over SSH; two unfenced writable members need a person.
 */
export function twoPrimariesMessage(states: readonly WritableProbe[]): string | null {
  const writable = writableMembers(states);
  if (writable.length < 2) return null;
  const fenced = states.filter((state) => state.fenced && writable.includes(state.name)).map((state) => state.name).sort();
  const head = `Two primaries: ${writable.join(' and ')} both accept writes.`;
  if (fenced.length > 0) {
    return `${head} ${fenced.join(' and ')} ${fenced.length === 1 ? 'is' : 'are'} fenced after a failover: Tandem is stopping ${fenced.length === 1 ? 'it' : 'them'} now (see the fence record below). If ${fenced.length === 1 ? 'it keeps' : 'they keep'} accepting writes, stop PostgreSQL there by hand.`;
  }
  return `${head} Neither is fenced by Tandem: stop the one that should not be primary before clients write to both, then rejoin it.`;
}
