export interface FenceSummaryInput {
  readonly host: string;
  readonly cluster: string;
  readonly trigger: 'writable' | 'answered';
  readonly wasRunning: boolean;
  /** From its first answer to the stop returning, when it had to be stopped. */
  readonly windowMs: number | null;
}

function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

/**
 * One sentence for what the fence guard did, for the record, the audit, webhooks and the
 * cluster page: what was found (and how it was seen), what Tandem did, and what is left to
 * do. Pure.
 */
export function fenceEnforcedSummary(input: FenceSummaryInput): string {
  const found = input.trigger === 'writable'
    ? `${input.host}, fenced in cluster ${input.cluster}, answered again accepting writes`
    : input.wasRunning
      ? `${input.host}, fenced in cluster ${input.cluster}, answered again with PostgreSQL running`
      : `${input.host}, fenced in cluster ${input.cluster}, answered again with PostgreSQL stopped`;
  const stopped = input.wasRunning ? `Tandem stopped it${input.windowMs === null ? '' : ` ${seconds(input.windowMs)} after it answered`}, turned` : 'Tandem turned';
  return `${found}. ${stopped} its automatic start off (start.conf, systemd units) and wrote standby.signal, so it stays down or comes up read-only. It stays fenced: rejoin it.`;
}
