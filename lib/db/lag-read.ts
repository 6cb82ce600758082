import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { RANGE_SPECS, type LagHost, type LagPoint, type LagRange, type LagSeries, type OperationMarker } from '@/lib/lag/types';
import { db } from './client';

/** The one place where PostgreSQL's bigint (Prisma's BigInt) becomes a JavaScript number. */
export function toNumber(value: bigint | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'bigint' ? Number(value) : value;
}

/** One point as SQL hands it over: [hostId, at ms, status, status rank, write/flush/replay bytes, write/flush/replay ms, heartbeat ms]. */
type PointTuple = [number, number, string | null, number | null, number | null, number | null, number | null, number | null, number | null, number | null, number | null];

const STATUS_RANK = ['streaming', 'catching up', 'replay paused', 'stalled', 'disconnected', 'unreachable'] as const;
const fromRank = (rank: number | null): string => STATUS_RANK[rank ?? 0] ?? 'streaming';

function toPoint(tuple: PointTuple): LagPoint {
  const [hostId, at, status, rank, writeBytes, flushBytes, replayBytes, writeLagMs, flushLagMs, replayLagMs, heartbeatLagMs] = tuple;
  return { hostId, at, status: status ?? fromRank(rank), writeBytes, flushBytes, replayBytes, writeLagMs, flushLagMs, replayLagMs, heartbeatLagMs };
}

const ORIGIN = Prisma.sql`TIMESTAMPTZ '2000-01-01 00:00:00+00'`;
const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::float8`;
/** Worst status of a bucket as a rank (cheaper than ordering each group's statuses); `fromRank` names it. */
const worstRank = (column: Prisma.Sql) => Prisma.sql`max(CASE ${column} WHEN 'unreachable' THEN 5 WHEN 'disconnected' THEN 4
  WHEN 'stalled' THEN 3 WHEN 'replay paused' THEN 2 WHEN 'catching up' THEN 1 ELSE 0 END)`;

/**
 * Runs a query with the columns hostId, at, status, statusRank, writeBytes … replayLagMs, heartbeatLagMs and
 * returns its rows as points. The rows travel as one JSON array (thousands of rows cost far
 * less that way than one driver value each); JSON numbers make bigint bytes plain numbers.
 */
async function queryPoints(inner: Prisma.Sql): Promise<LagPoint[]> {
  const rows = await (await db()).$queryRaw<{ points: string | null }[]>`
SELECT json_agg(json_build_array(p."hostId", p."at", p."status", p."statusRank", p."writeBytes", p."flushBytes", p."replayBytes",
  p."writeLagMs", p."flushLagMs", p."replayLagMs", p."heartbeatLagMs") ORDER BY p."at", p."hostId")::text AS "points"
FROM (${inner}) AS p`;
  const text = rows[0]?.points;
  if (!text) return [];
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every(isPointTuple)) throw new Error('The lag samples query returned points of an unexpected shape.');
  return parsed.map(toPoint);
}

const nullableNumber = (value: unknown): boolean => value === null || typeof value === 'number';

/** Checked by hand rather than with a schema: a chart reads tens of thousands of points. */
function isPointTuple(value: unknown): value is PointTuple {
  return Array.isArray(value) && value.length === 11 && typeof value[0] === 'number' && typeof value[1] === 'number'
    && (value[2] === null || typeof value[2] === 'string') && value.slice(3).every(nullableNumber);
}

const RAW_COLUMNS = Prisma.sql`"hostId", ${epochMs(Prisma.sql`"at"`)} AS "at", "status", NULL::int AS "statusRank", "writeBytes", "flushBytes", "replayBytes", "writeLagMs", "flushLagMs", "replayLagMs", "heartbeatLagMs"`;

/** Raw samples of a cluster after `after` (exclusive), oldest first, at most `limit`: the live stream's catch-up. */
export async function readLagPointsAfter(clusterId: number, after: Date, limit = 2_000): Promise<LagPoint[]> {
  return queryPoints(Prisma.sql`SELECT ${RAW_COLUMNS} FROM lag_samples WHERE "clusterId" = ${clusterId} AND "at" > ${after} ORDER BY "at" LIMIT ${limit}`);
}

/** Raw samples merged to buckets of `bucketSeconds` in SQL (worst status, largest lag), in [from, to). */
async function readRawBuckets(clusterId: number, from: Date, to: Date, bucketSeconds: number): Promise<LagPoint[]> {
  const bucket = Prisma.sql`date_bin(${`${bucketSeconds} seconds`}::interval, "at", ${ORIGIN})`;
  return queryPoints(Prisma.sql`
SELECT "hostId", ${epochMs(bucket)} AS "at", NULL::text AS "status", ${worstRank(Prisma.sql`"status"`)} AS "statusRank",
  max("writeBytes") AS "writeBytes", max("flushBytes") AS "flushBytes", max("replayBytes") AS "replayBytes",
  max("writeLagMs") AS "writeLagMs", max("flushLagMs") AS "flushLagMs", max("replayLagMs") AS "replayLagMs", max("heartbeatLagMs") AS "heartbeatLagMs"
FROM lag_samples WHERE "clusterId" = ${clusterId} AND "at" >= ${from} AND "at" < ${to}
GROUP BY 1, 2`);
}

async function readRawPoints(clusterId: number, from: Date): Promise<LagPoint[]> {
  return queryPoints(Prisma.sql`SELECT ${RAW_COLUMNS} FROM lag_samples WHERE "clusterId" = ${clusterId} AND "at" >= ${from}`);
}

/** Minute rollups from `from`, merged in SQL to buckets of `bucketSeconds` (60 keeps minutes as they are). */
async function readRollupBuckets(clusterId: number, from: Date, bucketSeconds: number): Promise<LagPoint[]> {
  if (bucketSeconds === 60) {
    return queryPoints(Prisma.sql`
SELECT "hostId", ${epochMs(Prisma.sql`"minute"`)} AS "at", "worstStatus" AS "status", NULL::int AS "statusRank", "writeBytesMax" AS "writeBytes",
  "flushBytesMax" AS "flushBytes", "replayBytesMax" AS "replayBytes", "writeLagMsMax" AS "writeLagMs", "flushLagMsMax" AS "flushLagMs", "replayLagMsMax" AS "replayLagMs", NULL::int AS "heartbeatLagMs"
FROM lag_rollups WHERE "clusterId" = ${clusterId} AND "minute" >= ${from}`);
  }
  const bucket = Prisma.sql`date_bin(${`${bucketSeconds} seconds`}::interval, "minute", ${ORIGIN})`;
  return queryPoints(Prisma.sql`
SELECT "hostId", ${epochMs(bucket)} AS "at", NULL::text AS "status", ${worstRank(Prisma.sql`"worstStatus"`)} AS "statusRank",
  max("writeBytesMax") AS "writeBytes", max("flushBytesMax") AS "flushBytes", max("replayBytesMax") AS "replayBytes",
  max("writeLagMsMax") AS "writeLagMs", max("flushLagMsMax") AS "flushLagMs", max("replayLagMsMax") AS "replayLagMs", NULL::int AS "heartbeatLagMs"
FROM lag_rollups WHERE "clusterId" = ${clusterId} AND "minute" >= ${from}
GROUP BY 1, 2`);
}

async function lastRollupMinute(clusterId: number, from: Date): Promise<number | null> {
  const rows = await (await db()).$queryRaw<{ last: number | null }[]>`
SELECT ${epochMs(Prisma.sql`max("minute")`)} AS "last" FROM lag_rollups WHERE "clusterId" = ${clusterId} AND "minute" >= ${from}`;
  return rows[0]?.last ?? null;
}

/** The raw tail after the rollups never reaches further back than this (a poller that stopped rolling up). */
const MAX_TAIL_MS = 2 * 3_600_000;

/**
 * A range's points, never loading a whole day of raw samples: 5 min reads raw samples, 1 h raw
 * samples bucketed to 5 s in SQL, 24 h the minute rollups and 7 d the rollups bucketed to 10 min;
 * the rollup ranges add the raw samples newer than the last rolled-up minute (in minute buckets)
 * so the right edge is live. Points are oldest first.
 */
export async function readLagPoints(clusterId: number, range: LagRange, now: Date, pollIntervalMs = 1000): Promise<{ from: number; stepMs: number; points: LagPoint[] }> {
  const spec = RANGE_SPECS[range];
  const from = new Date(now.getTime() - spec.durationMs);
  const stepMs = Math.max(spec.stepMs, range === '5m' ? pollIntervalMs : 0);
  if (range === '5m') return { from: from.getTime(), stepMs, points: await readRawPoints(clusterId, from) };
  if (spec.source === 'raw') return { from: from.getTime(), stepMs, points: await readRawBuckets(clusterId, from, new Date(now.getTime() + 1), spec.stepMs / 1000) };
  const [rollups, last] = await Promise.all([readRollupBuckets(clusterId, from, spec.stepMs / 1000), lastRollupMinute(clusterId, from)]);
  const tailFrom = Math.max(last === null ? 0 : last + 60_000, from.getTime(), now.getTime() - MAX_TAIL_MS);
  const tail = await readRawBuckets(clusterId, new Date(tailFrom), new Date(now.getTime() + 1), 60);
  return { from: from.getTime(), stepMs, points: [...rollups, ...tail] };
}

/** Operations of the cluster that overlap [from, now]: the chart's markers. */
export async function readOperationMarkers(clusterId: number, from: Date): Promise<OperationMarker[]> {
  const rows = await (await db()).operation.findMany({
    where: { clusterId, OR: [{ createdAt: { gte: from } }, { finishedAt: { gte: from } }, { finishedAt: null }] },
    select: { id: true, kind: true, status: true, createdAt: true, startedAt: true, finishedAt: true },
    orderBy: { createdAt: 'asc' },
    take: 200,
  });
  return rows.map((row) => ({ id: row.id, kind: row.kind, status: row.status, from: (row.startedAt ?? row.createdAt).getTime(), to: row.finishedAt?.getTime() ?? null }));
}

/** The cluster's replicas (by host name) as chart series, or null for an unknown cluster. */
export async function readLagHosts(clusterId: number): Promise<{ hosts: LagHost[]; members: LagHost[]; pollIntervalMs: number; monitored: boolean } | null> {
  const cluster = await (await db()).cluster.findUnique({
    where: { id: clusterId },
    select: { monitorRole: true, pollIntervalMs: true, members: { select: { role: true, host: { select: { id: true, name: true } } }, orderBy: { host: { name: 'asc' } } } },
  });
  if (!cluster) return null;
  const hosts = cluster.members.filter((member) => member.role === 'replica').map((member) => ({ hostId: member.host.id, name: member.host.name }));
  const members = cluster.members.map((member) => ({ hostId: member.host.id, name: member.host.name }));
  return { hosts, members, pollIntervalMs: cluster.pollIntervalMs, monitored: cluster.monitorRole !== null };
}

/** Everything the chart needs for one range; null for an unknown cluster. */
export async function readLagSeries(clusterId: number, range: LagRange, now = new Date()): Promise<LagSeries | null> {
  const cluster = await readLagHosts(clusterId);
  if (!cluster) return null;
  const [{ from, stepMs, points }, markers] = await Promise.all([
    readLagPoints(clusterId, range, now, cluster.pollIntervalMs),
    readOperationMarkers(clusterId, new Date(now.getTime() - RANGE_SPECS[range].durationMs)),
  ]);
  const known = new Set(cluster.hosts.map((host) => host.hostId));
  const names = new Map(cluster.members.map((member) => [member.hostId, member.name]));
  const extra = [...new Set(points.map((point) => point.hostId))].filter((hostId) => !known.has(hostId)).map((hostId) => ({ hostId, name: names.get(hostId) ?? `host ${hostId}` }));
  return { clusterId, range, from, to: now.getTime(), stepMs, hosts: [...cluster.hosts, ...extra], points, markers };
}
