import { z } from 'zod';
import { buildConninfo } from '@/lib/pg/conninfo';
import { pgText, sql } from '@/lib/pg/sql';
import { StepFailure, type Step, type StepContext } from '@/lib/replication/engine/types';
import { controlCommands } from '@/lib/replication/service-control';
import { passfilePath } from '@/lib/replication/standby-files';
import type { FailoverCluster, FailoverMember } from '../plan-types';
import { pollUntil, sqlOk, sqlRow, sqlRun } from './sql';
import { clusterTlsOptions } from '../cluster-tls';

export const CREATE_SLOT_SQL = sql`SELECT pg_create_physical_replication_slot(:'slot_name', true) FROM (SELECT 1) AS one WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = :'slot_name')`;
export const SET_UPSTREAM_SQL = sql`ALTER SYSTEM SET primary_conninfo = :'conninfo';
ALTER SYSTEM SET primary_slot_name = :'slot_name';
SELECT pg_reload_conf();`;
export const SET_UPSTREAM_NO_SLOT_SQL = sql`ALTER SYSTEM SET primary_conninfo = :'conninfo';
ALTER SYSTEM RESET primary_slot_name;
SELECT pg_reload_conf();`;
const STREAMS_FROM_SQL = sql`SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming' AND sender_host = :'sender') AS ok`;
const TIMELINE_SQL = sql`SELECT current_setting('recovery_target_timeline') AS tl`;
const TIMELINE_ROW = z.object({ tl: pgText.text });
const LATEST_TIMELINE_SQL = sql`ALTER SYSTEM SET recovery_target_timeline = 'latest'`;

/** The primary_conninfo a standby gets for `upstream`: the cluster's role, the passfile beside its data directory, never a password. */
export function upstreamConninfo(cluster: FailoverCluster, replica: FailoverMember, upstream: FailoverMember): string {
  return buildConninfo({
    user: cluster.roleName,
    passfile: passfilePath(replica.dataDirectory, cluster.name),
    host: upstream.address,
    port: upstream.pgPort,
    application_name: replica.applicationName,
    ...clusterTlsOptions(cluster),
  });
}

/** The slot a member streams through: its recorded one, when the cluster uses slots. */
export function slotOf(cluster: FailoverCluster, member: FailoverMember): string | null {
  return cluster.slots ? member.slotName : null;
}

/** Creates `member`'s physical slot on `upstream` (reserving WAL now), once. */
export async function ensureSlot(ctx: StepContext, upstream: string, slot: string): Promise<void> {
  await sqlRun(ctx, upstream, CREATE_SLOT_SQL, { slot_name: slot });
}

/** Whether `replica` is in recovery and its WAL receiver streams from `upstream`'s address. */
export function streamsFrom(ctx: StepContext, replica: string, upstream: FailoverMember): Promise<boolean> {
  return sqlOk(ctx, replica, STREAMS_FROM_SQL, { sender: upstream.address });
}

/**
 * Re-points a running standby at a new upstream without a restart (primary_conninfo and
 * primary_slot_name are reloadable since PostgreSQL 13): the slot first on the new primary,
 * then ALTER SYSTEM and reload; recovery_target_timeline must be `latest` (the default
 * since 12) so it follows the promotion's new timeline. Verified by pg_stat_wal_receiver
 * streaming from the new primary's address.
 */
export function repointStep(cluster: FailoverCluster, replica: FailoverMember, upstream: FailoverMember): Step {
  const slot = slotOf(cluster, replica);
  const conninfo = upstreamConninfo(cluster, replica, upstream);
  const control = controlCommands(replica.control);
  return {
    name: `Re-point ${replica.name} to stream from ${upstream.name}`,
    host: replica.name,
    deadlineMs: 120_000,
    describe: () => ({
      commands: [
        ...(slot ? [`[${upstream.name}] ${CREATE_SLOT_SQL}\n  with slot_name=${slot}`] : []),
        `[${replica.name}] ${slot ? SET_UPSTREAM_SQL : SET_UPSTREAM_NO_SLOT_SQL}\n  with conninfo=${conninfo}${slot ? `, slot_name=${slot}` : ''}`,
        `[${replica.name}] ${STREAMS_FROM_SQL}\n  with sender=${upstream.address}`,
      ],
    }),
    check: (ctx) => streamsFrom(ctx, replica.name, upstream),
    async run(ctx) {
      if (slot) await ensureSlot(ctx, upstream.name, slot);
      const timeline = await sqlRow(ctx, replica.name, TIMELINE_SQL, TIMELINE_ROW);
      await sqlRun(ctx, replica.name, slot ? SET_UPSTREAM_SQL : SET_UPSTREAM_NO_SLOT_SQL, slot ? { conninfo, slot_name: slot } : { conninfo });
      if (timeline?.tl !== 'latest') {
        ctx.log(`recovery_target_timeline was '${timeline?.tl ?? ''}'; setting it to latest needs a restart`);
        await sqlRun(ctx, replica.name, LATEST_TIMELINE_SQL);
        ctx.record(`[${replica.name} as ${control.as}] ${control.restart.text}`);
        const restarted = await ctx.shell.exec(replica.name, control.restart, { as: control.as, signal: ctx.signal, timeoutMs: 120_000 });
        if (restarted.code !== 0) throw new StepFailure(`Restarting ${replica.name} failed: ${restarted.stderr.trim().split('\n').at(-1) ?? ''}`);
      }
      const took = await pollUntil(ctx, () => streamsFrom(ctx, replica.name, upstream), 250, 60_000);
      if (took === null) throw new StepFailure(`${replica.name} does not stream from ${upstream.name} after 60 s; see its PostgreSQL log (timeline or WAL it lacks).`);
      ctx.log(`${replica.name} streams from ${upstream.name} after ${took} ms`);
    },
    async verify(ctx) {
      if (!(await streamsFrom(ctx, replica.name, upstream))) throw new StepFailure(`${replica.name} does not stream from ${upstream.name}.`);
      return `${replica.name} streams from ${upstream.name}${slot ? ` through slot ${slot}` : ''}.`;
    },
  };
}
