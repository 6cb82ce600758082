import type { Step, StepContext } from '@/lib/replication/engine/types';
import { planSwitchover, type SwitchoverParams } from './plan-switchover';
import type { FailoverCluster, FailoverRecorder, RoutingHook } from './plan-types';
import { countLostStep, DrillWriter, startWriterStep } from './steps/drill';
import type { ReplicationSecret } from './steps/standby';
import type { SwitchoverFigures } from './steps/switchover';

/** What a drill stores: the two switchovers (there and back) and the client's run id. */
export interface DrillParams {
  readonly there: SwitchoverParams;
  readonly back: SwitchoverParams;
  readonly run: string;
}

/** The same step, its metrics named `<prefix><Name>` so the two legs' figures stay apart. */
function prefixed(step: Step, prefix: string): Step {
  const wrap = (ctx: StepContext): StepContext => ({ ...ctx, metric: (name, value) => ctx.metric?.(`${prefix}${name.charAt(0).toUpperCase()}${name.slice(1)}`, value) });
  return { ...step, check: (ctx) => step.check(wrap(ctx)), run: (ctx) => step.run(wrap(ctx)), verify: (ctx) => step.verify(wrap(ctx)) };
}

function beginLeg(label: string, figures: SwitchoverFigures): Step {
  return {
    name: `Begin the switchover back: ${label}`,
    host: null,
    deadlineMs: 5_000,
    describe: () => ({ commands: [`(Tandem) the second leg's RTO and write gap are measured from here`] }),
    check: async () => false,
    async run(ctx) {
      figures.requestedAtMs = ctx.clock.now().getTime();
    },
    async verify() {},
  };
}

/**
 * A failover drill: a client commits one transaction at a time throughout; a zero-loss
 * switchover to the chosen replica, then back to the original primary; finally the
 * client's committed transactions are compared with what the primary holds. Metrics:
 * each leg's RTO, write gap and RPO (prefixed there and back) and drillCommits, drillLost, drillMaxGapMs.
 */
export function planDrill(cluster: FailoverCluster, params: DrillParams, hooks: readonly RoutingHook[], recorder: FailoverRecorder, secret: () => Promise<ReplicationSecret>): Step[] {
  const holder: { writer: DrillWriter | null } = { writer: null };
  const names = params.there.members.map((member) => member.name);
  const backFigures: SwitchoverFigures = { requestedAtMs: params.there.requestedAtMs, lastPrimaryLsn: null, candidateLsn: null, writesStoppedAtMs: null, shutdownCheckpointLsn: null };
  return [
    startWriterStep(params.there.primary, holder, (ctx) => new DrillWriter(ctx.pg, names, params.run, () => ctx.clock.now().getTime())),
    ...planSwitchover(cluster, params.there, hooks, recorder, secret).map((step) => prefixed(step, 'there')),
    beginLeg(`${params.back.primary} → ${params.back.candidate}`, backFigures),
    ...planSwitchover(cluster, params.back, hooks, recorder, secret, backFigures).map((step) => prefixed(step, 'back')),
    countLostStep(params.back.candidate, params.run, holder),
  ];
}
