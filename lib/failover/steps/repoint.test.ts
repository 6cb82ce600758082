import { describe, expect, it } from 'vitest';
import { planPromote } from '../plan-promote';
import type { FailoverCluster } from '../plan-types';
import { member, ordersCluster } from '../testing/failover-fixture';
import { MemoryRecorder } from '../testing/memory-recorder';
import { RUN_STARTED_MS, runSteps } from '../testing/run-steps';
import { exit, ok, ScriptedHost, type SqlCall } from '../testing/scripted-host';
import { scriptPromotable } from '../testing/scripted-members';
import { CREATE_SLOT_SQL, SET_UPSTREAM_NO_SLOT_SQL, SET_UPSTREAM_SQL } from './repoint';

const CONNINFO = "user='replicator' passfile='/var/lib/postgresql/15/tandem-orders.pgpass' host='10.88.0.12' port='5432' application_name='pg3' sslmode='prefer'";
const STREAMS = "[pg3 psql] SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming' AND sender_host = :'sender') AS ok\n  with sender=10.88.0.12";
const CREATE_SLOT = "[pg2 psql] SELECT pg_create_physical_replication_slot(:'slot_name', true) FROM (SELECT 1) AS one WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = :'slot_name')\n  with slot_name=tandem_pg3";
const TIMELINE = "[pg3 psql] SELECT current_setting('recovery_target_timeline') AS tl";
const SET_UPSTREAM = `[pg3 psql] ALTER SYSTEM SET primary_conninfo = :'conninfo';
ALTER SYSTEM SET primary_slot_name = :'slot_name';
SELECT pg_reload_conf();
  with conninfo=${CONNINFO}, slot_name=tandem_pg3`;
const RESTART = "[pg3 as root] pg_ctlcluster '15' 'main' restart";

interface ReplicaScript {
  /** recovery_target_timeline as pg3 has it. */
  readonly timeline?: string;
  /** Polls of pg_stat_wal_receiver that still show no stream once the new upstream is set (and applied). */
  readonly pollsBeforeStreaming?: number;
  /** Whether pg3 already streams from pg2. */
  readonly streaming?: boolean;
}

/**
 * pg3 as a standby that follows whatever upstream ALTER SYSTEM gives it: with timeline
 * `latest` on the reload, otherwise only after a restart; it streams after some polls.
 */
function scriptReplica(host: ScriptedHost, options: ReplicaScript = {}) {
  const state = { upstream: options.streaming ? '10.88.0.12' : '10.88.0.11', timeline: options.timeline ?? 'latest', applied: options.streaming ?? false, pollsLeft: options.pollsBeforeStreaming ?? 0 };
  host.onSql('pg2', CREATE_SLOT_SQL, [{ pg_create_physical_replication_slot: '(tandem_pg3,)' }]);
  host.onSql('pg3', /FROM pg_stat_wal_receiver/, (call: SqlCall) => {
    if (state.applied && state.pollsLeft > 0) {
      state.pollsLeft -= 1;
      return ok(false);
    }
    return ok(state.applied && state.upstream === call.params.sender);
  });
  host.onSql('pg3', "SELECT current_setting('recovery_target_timeline') AS tl", () => [{ tl: state.timeline }]);
  host.onSql('pg3', (text) => text === SET_UPSTREAM_SQL || text === SET_UPSTREAM_NO_SLOT_SQL, (call: SqlCall) => {
    state.upstream = /host='([^']+)'/.exec(call.params.conninfo ?? '')?.[1] ?? '';
    state.applied = state.timeline === 'latest';
    return [{ pg_reload_conf: 't' }];
  });
  host.onSql('pg3', "ALTER SYSTEM SET recovery_target_timeline = 'latest'", () => {
    state.timeline = 'latest';
    return [];
  });
  return state;
}

/** Promote pg2 (no primary recorded, so no fence), then re-point pg3 at it, exactly as the promote plan builds it. */
function promotePlan(cluster: FailoverCluster = ordersCluster) {
  return planPromote({
    cluster,
    params: { candidate: 'pg2', oldPrimary: null, fence: 'stop', requestedAtMs: RUN_STARTED_MS, referenceLsn: null, overrideBytes: null, members: [member('pg2', 12), member('pg3', 13)], token: 'tok12345', reason: 'pg1 lost' },
    hooks: [],
  }, new MemoryRecorder(null));
}

/** Promote, topology, then the re-point. */
const REPOINT = 2;

describe('the re-point step, through the promote plan', () => {
  it('creates pg3’s slot on the new primary, sets primary_conninfo and primary_slot_name and reloads, then waits for the stream', async () => {
    const host = new ScriptedHost();
    scriptPromotable(host, 'pg2');
    scriptReplica(host, { pollsBeforeStreaming: 2 });

    const run = await runSteps(promotePlan(), host);

    expect(run.result.status).toBe('succeeded');
    expect(run.outcomes[REPOINT]).toBe('succeeded: pg3 streams from pg2 through slot tandem_pg3.');
    expect(host.ran('pg3')).toEqual([STREAMS, TIMELINE, SET_UPSTREAM, STREAMS, STREAMS, STREAMS, STREAMS]);
    expect(host.ran('pg2').filter((call) => call.includes('slot'))).toEqual([CREATE_SLOT]);
    expect(run.steps[REPOINT]?.commands).toEqual([
      "[pg2 as postgres] psql\nSELECT pg_create_physical_replication_slot(:'slot_name', true) FROM (SELECT 1) AS one WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = :'slot_name')\n  with slot_name=tandem_pg3",
      "[pg3 as postgres] psql\nSELECT current_setting('recovery_target_timeline') AS tl",
      `[pg3 as postgres] psql\nALTER SYSTEM SET primary_conninfo = :'conninfo';\nALTER SYSTEM SET primary_slot_name = :'slot_name';\nSELECT pg_reload_conf();\n  with conninfo=${CONNINFO}, slot_name=tandem_pg3`,
    ]);
    expect(run.steps[REPOINT]?.outputTail).toContain('pg3 streams from pg2 after 500 ms');
  });

  it('restarts pg3 when its recovery_target_timeline is not latest', async () => {
    const host = new ScriptedHost();
    scriptPromotable(host, 'pg2');
    const pg3 = scriptReplica(host, { timeline: 'current' });
    host.onShell('pg3', "pg_ctlcluster '15' 'main' restart", () => { pg3.applied = true; return exit(0); });

    const run = await runSteps(promotePlan(), host);

    expect(run.outcomes[REPOINT]).toBe('succeeded: pg3 streams from pg2 through slot tandem_pg3.');
    expect(host.ran('pg3')).toEqual([STREAMS, TIMELINE, SET_UPSTREAM, "[pg3 psql] ALTER SYSTEM SET recovery_target_timeline = 'latest'", RESTART, STREAMS, STREAMS]);
    expect(run.steps[REPOINT]?.outputTail).toContain("recovery_target_timeline was 'current'; setting it to latest needs a restart");
  });

  it('fails with the restart’s last error line when the restart fails', async () => {
    const host = new ScriptedHost();
    scriptPromotable(host, 'pg2');
    scriptReplica(host, { timeline: 'current' });
    host.onShell('pg3', "pg_ctlcluster '15' 'main' restart", exit(1, '', 'Job for postgresql@15-main.service failed.\nThe PostgreSQL server failed to start. Please check the log output.'));

    const run = await runSteps(promotePlan(), host);

    expect(run.outcomes[REPOINT]).toBe('failed: Restarting pg3 failed: The PostgreSQL server failed to start. Please check the log output.');
    expect(host.ran('pg3').at(-1)).toBe(RESTART);
    expect(run.steps.at(-1)?.status).toBe('pending');
  });

  it('fails after 60 s when pg3 never streams from the new primary', async () => {
    const host = new ScriptedHost();
    scriptPromotable(host, 'pg2');
    scriptReplica(host, { pollsBeforeStreaming: Infinity });

    const run = await runSteps(promotePlan(), host);

    expect(run.outcomes[REPOINT]).toBe('failed: pg3 does not stream from pg2 after 60 s; see its PostgreSQL log (timeline or WAL it lacks).');
    expect(run.metrics?.durationMs).toBeGreaterThan(60_000);
  });

  it('passes over a replica that already streams from the new primary: nothing is changed on it', async () => {
    const host = new ScriptedHost();
    scriptPromotable(host, 'pg2');
    scriptReplica(host, { streaming: true });

    const run = await runSteps(promotePlan(), host);

    expect(run.outcomes[REPOINT]).toBe('skipped: Already in place: Re-point pg3 to stream from pg2.');
    expect(host.ran('pg3')).toEqual([STREAMS]);
    expect(host.ran('pg2')).not.toContain(CREATE_SLOT);
  });

  it('without slots, resets primary_slot_name and creates no slot', async () => {
    const host = new ScriptedHost();
    scriptPromotable(host, 'pg2');
    scriptReplica(host);

    const run = await runSteps(promotePlan({ ...ordersCluster, slots: false }), host);

    expect(run.outcomes[REPOINT]).toBe('succeeded: pg3 streams from pg2.');
    expect(host.ran('pg3')).toEqual([STREAMS, TIMELINE, `[pg3 psql] ${SET_UPSTREAM_NO_SLOT_SQL}\n  with conninfo=${CONNINFO}`, STREAMS, STREAMS]);
    expect(host.ran('pg2').some((call) => call.includes('slot'))).toBe(false);
  });
});
