/** The little a two-primaries check needs from each member's live state. */
export interface WritableProbe {
  readonly name: string;
  readonly reachable: boolean;
  readonly inRecovery: boolean | null;
}

/**
 * The members that accept writes now (answering and not in recovery). More than one is a
 * split brain: e.g. a fenced old primary started by hand outside Tandem. Pure.
 */
export function writableMembers(states: readonly WritableProbe[]): string[] {
  return states.filter((state) => state.reachable && state.inRecovery === false).map((state) => state.name).sort();
}

/** A sentence for the critical alert when more than one member is writable, else null. */
export function twoPrimariesMessage(states: readonly WritableProbe[]): string | null {
  const writable = writableMembers(states);
  if (writable.length < 2) return null;
  return `Two primaries: ${writable.join(' and ')} both accept writes. Stop the one that should not (Tandem fenced the old primary; it was started outside Tandem) before clients write to both.`;
}
