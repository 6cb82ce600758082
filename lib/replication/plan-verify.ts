import { sql } from '@/lib/pg/sql';
import { replicaNames } from './names';
import type { Action, Check, PlannedStep } from './plan-types';
import type { SetupOptions, SetupReplica, SetupSnapshot } from './setup-types';

/**
 * The canary lives in schema `tandem` of database `postgres` (always present), one row
 * per writer (`setup` here) updated in place, so it never grows and never touches the
 * DBA's schemas; `DROP SCHEMA tandem CASCADE` removes it. Created before any replica is
 * cloned, so a replica polling for the row never queries a missing table.
 */
export function canaryTableStep(snapshot: SetupSnapshot): PlannedStep {
  const host = snapshot.primary.name;
  const exists: Check = { kind: 'sql', host, sql: sql`SELECT to_regclass('tandem.canary') IS NOT NULL AS ok`, params: {} };
  return {
    id: 'primary-canary-table',
    title: 'Create the tandem.canary table on the primary',
    host,
    phase: 'primary',
    why: 'A row written here and read on each replica proves the whole chain end to end.',
    check: exists,
    actions: [{
      kind: 'sql',
      host,
      sql: sql`CREATE SCHEMA IF NOT EXISTS tandem;
CREATE TABLE IF NOT EXISTS tandem.canary (writer text PRIMARY KEY, token text NOT NULL, written_at timestamptz NOT NULL);`,
      params: {},
    }],
    verify: exists,
  };
}

function streamingOnPrimary(snapshot: SetupSnapshot, replica: SetupReplica): Check {
  return {
    kind: 'sql',
    host: snapshot.primary.name,
    sql: sql`SELECT EXISTS (SELECT 1 FROM pg_stat_replication WHERE application_name = :'application_name' AND state = 'streaming') AS ok`,
    params: { application_name: replicaNames(replica.name).applicationName },
  };
}

function streamingOnReplica(replica: SetupReplica, options: SetupOptions): Check {
  const slot = options.slots ? sql` AND slot_name = :'slot_name'` : sql``;
  return {
    kind: 'sql',
    host: replica.name,
    sql: sql`SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming'${slot}) AS ok`,
    params: options.slots ? { slot_name: replicaNames(replica.name).slotName } : {},
  };
}

/** Proves a replica streams: the primary sees its walsender `streaming` (matched by application_name) and the replica's walreceiver streams. */
export function streamingStep(snapshot: SetupSnapshot, replica: SetupReplica, options: SetupOptions): PlannedStep {
  const both: Check = { kind: 'all', of: [streamingOnPrimary(snapshot, replica), streamingOnReplica(replica, options)] };
  return {
    id: `verify-${replicaNames(replica.name).applicationName}-streaming`,
    title: `Verify that ${replica.name} streams from the primary`,
    host: snapshot.primary.name,
    phase: 'verify',
    why: 'pg_stat_replication on the primary and pg_stat_wal_receiver on the replica both say streaming.',
    check: both,
    actions: [{ kind: 'wait', until: both, intervalMs: 500, timeoutMs: 120_000 }],
    verify: both,
  };
}

function canarySeen(replica: SetupReplica, options: SetupOptions): Check {
  return {
    kind: 'sql',
    host: replica.name,
    sql: sql`SELECT EXISTS (SELECT 1 FROM tandem.canary WHERE writer = 'setup' AND token = :'canary_token') AS ok`,
    params: { canary_token: options.canaryToken },
  };
}

/**
 * Writes this operation's token on the primary and waits for it on every replica. The
 * delay recorded is Tandem's own clock from the commit returning to the first poll that
 * sees the row (resolution: the 200 ms poll plus one SSH round trip), not a difference of
 * two hosts' clocks.
 */
export function canaryStep(snapshot: SetupSnapshot, replicas: readonly SetupReplica[], options: SetupOptions): PlannedStep {
  const host = snapshot.primary.name;
  const write: Action = {
    kind: 'sql',
    host,
    sql: sql`INSERT INTO tandem.canary AS c (writer, token, written_at) VALUES ('setup', :'canary_token', clock_timestamp())
ON CONFLICT (writer) DO UPDATE SET token = EXCLUDED.token, written_at = EXCLUDED.written_at;`,
    params: { canary_token: options.canaryToken },
  };
  const waits: Action[] = replicas.map((replica) => ({
    kind: 'wait',
    until: canarySeen(replica, options),
    intervalMs: 200,
    timeoutMs: 60_000,
    measure: `canary delay to ${replica.name}`,
  }));
  return {
    id: 'verify-canary',
    title: 'Write a canary row on the primary and read it on every replica',
    host,
    phase: 'verify',
    why: 'A committed write reaching each replica proves replication end to end and measures the delay.',
    check: { kind: 'never', reason: 'the canary always runs, to measure the delay now' },
    actions: [write, ...waits],
    verify: { kind: 'all', of: replicas.map((replica) => canarySeen(replica, options)) },
  };
}
