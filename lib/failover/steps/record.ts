import { StepFailure, type Step } from '@/lib/replication/engine/types';
import { sh } from '@/lib/ssh/shell';
import type { FailoverEvent, FailoverRecorder, RoutingHook } from '../plan-types';
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

/**
 * Runs the cluster's routing hooks (e.g. move a virtual IP, repoint PgBouncer), each as
 * `sh -c` over SSH on its host within its timeout, output in the log. A hook that fails
 * fails the step: clients may still be routed to the old primary, which must be said.
 */
export function routingHooksStep(hooks: readonly RoutingHook[]): Step {
  return {
    name: 'Run the routing hooks',
    host: null,
    deadlineMs: hooks.reduce((sum, hook) => sum + hook.timeoutMs, 10_000),
    describe: () => ({ commands: hooks.map((hook) => `[${hook.hostName} as root] ${sh`sh -c ${hook.command}`.text}`) }),
    check: async () => false,
    async run(ctx) {
      const started = ctx.clock.now().getTime();
      for (const hook of hooks) {
        const command = sh`sh -c ${hook.command}`;
        ctx.record(`[${hook.hostName} as root] ${command.text}`);
        const result = await ctx.shell.exec(hook.hostName, command, { as: 'root', signal: ctx.signal, timeoutMs: hook.timeoutMs, onLine: (line) => ctx.log(`${hook.hostName}: ${line}`) });
        if (result.code !== 0) throw new StepFailure(`The routing hook on ${hook.hostName} exited ${result.code ?? 'on a signal'}; clients may still be routed to the old primary.`);
      }
      ctx.metric?.('hooksMs', ctx.clock.now().getTime() - started);
    },
    async verify() {
      return `${hooks.length} routing hook${hooks.length === 1 ? '' : 's'} ran.`;
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
