import { StepFailure, type Step } from '@/lib/replication/engine/types';
import type { FailoverEvent, FailoverRecorder } from '../plan-types';
import type { PromoteFigures } from './promote';

/** Records the new primary in Tandem's inventory (roles of every member, in one transaction). */
export function topologyStep(newPrimary: string, recorder: FailoverRecorder): Step {
  return {
    name: `Record ${newPrimary} as the primary in Tandem`,
    host: null,
    deadlineMs: 10_000,
    describe: () => ({ commands: [`(Tandem inventory) ${newPrimary}: primary; every other member: replica`] }),
    check: async () => (await recorder.primaryName()) === newPrimary,
    async run(ctx) {
      ctx.record(`(Tandem inventory) ${newPrimary}: primary; every other member: replica`);
      await recorder.setPrimary(newPrimary);
    },
    async verify() {
      if ((await recorder.primaryName()) !== newPrimary) throw new StepFailure(`Tandem's inventory does not show ${newPrimary} as the primary.`);
    },
  };
}

/** The last step: total RTO (request → every step done) and the notification call site. */
export function finishStep(label: string, figures: Pick<PromoteFigures, 'requestedAtMs'>, event: FailoverEvent, recorder: FailoverRecorder, after?: () => Promise<void>): Step {
  return {
    name: `Measure and notify: ${label}`,
    host: null,
    deadlineMs: 15_000,
    describe: () => ({ commands: [`notify: ${event.event} — ${event.summary}`] }),
    check: async () => false,
    async run(ctx) {
      ctx.metric?.('rtoTotalMs', ctx.clock.now().getTime() - figures.requestedAtMs);
      await after?.();
      await recorder.notify(event).catch((error: unknown) => ctx.log(`notification failed: ${error instanceof Error ? error.message : String(error)}`));
    },
    async verify() {
      return event.summary;
    },
  };
}
