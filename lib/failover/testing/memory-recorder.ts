import type { FailoverEvent, FailoverRecorder } from '../plan-types';

/** A {@link FailoverRecorder} in memory for step tests: fence marks, the primary and notifications, each change logged in `changes`. */
export class MemoryRecorder implements FailoverRecorder {
  readonly fenced = new Map<string, { reason: string; enforced: boolean }>();
  readonly notified: FailoverEvent[] = [];
  readonly changes: string[] = [];
  primary: string | null;

  constructor(primary: string | null, fenced: readonly string[] = []) {
    this.primary = primary;
    for (const name of fenced) this.fenced.set(name, { reason: 'fenced earlier', enforced: true });
  }

  async isFenced(hostName: string): Promise<boolean> {
    return this.fenced.has(hostName);
  }

  async markFenced(hostName: string, reason: string, enforced: boolean): Promise<void> {
    this.fenced.set(hostName, { reason, enforced });
    this.changes.push(`fenced ${hostName}${enforced ? ' (enforced)' : ' (not enforced)'}: ${reason}`);
  }

  async clearFence(hostName: string, slotName: string | null): Promise<void> {
    this.fenced.delete(hostName);
    this.changes.push(`fence cleared ${hostName}, slot ${slotName ?? 'none'}`);
  }

  async primaryName(): Promise<string | null> {
    return this.primary;
  }

  async setPrimary(newPrimary: string): Promise<void> {
    this.primary = newPrimary;
    this.changes.push(`primary ${newPrimary}`);
  }

  async notify(event: FailoverEvent): Promise<void> {
    this.notified.push(event);
  }
}
