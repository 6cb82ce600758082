import { z } from 'zod';

/**
 * The host a step acts on, fixed when the operation was planned: a run or resume goes to
 * exactly this machine, or refuses, never to whatever the name points at by then.
 */
export interface StepTarget {
  readonly hostId: number;
  readonly name: string;
  readonly address: string;
  readonly sshPort: number;
  readonly sshUser: string;
  readonly pgPort: number;
  /** The pinned host key (SHA-256), null when none was pinned at plan time. */
  readonly hostKeyFingerprint: string | null;
}

export const stepTargetSchema: z.ZodType<StepTarget> = z.object({
  hostId: z.number().int(),
  name: z.string(),
  address: z.string(),
  sshPort: z.number().int(),
  sshUser: z.string(),
  pgPort: z.number().int(),
  hostKeyFingerprint: z.string().nullable(),
});

/** A stored target decoded; null when absent or not understood (an operation planned before targets were recorded). */
export function decodeStepTarget(stored: unknown): StepTarget | null {
  const parsed = stepTargetSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/**
 * What changed on a host since a step was planned against it, one phrase per difference
 * (`address 10.0.0.2 → 10.0.0.9`); empty when it is the same machine as planned.
 */
export function targetChanges(planned: StepTarget, current: StepTarget | null): string[] {
  if (current === null) return [`${planned.name} is no longer in the inventory`];
  const changes: string[] = [];
  const compare = (label: string, before: string | number | null, after: string | number | null) => {
    if (before !== after) changes.push(`${label} ${before ?? 'none'} → ${after ?? 'none'}`);
  };
  compare('host record', planned.hostId, current.hostId);
  compare('name', planned.name, current.name);
  compare('address', planned.address, current.address);
  compare('SSH port', planned.sshPort, current.sshPort);
  compare('SSH user', planned.sshUser, current.sshUser);
  compare('PostgreSQL port', planned.pgPort, current.pgPort);
  compare('pinned host key', planned.hostKeyFingerprint, current.hostKeyFingerprint);
  return changes;
}
