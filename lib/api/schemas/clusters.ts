import { z } from 'zod';
import { LAG_RANGES } from '@/lib/lag/types';
import { isoTime } from './common';

export const memberSchema = z.object({
  id: z.number().int(),
  role: z.enum(['primary', 'replica']),
  applicationName: z.string().nullable(),
  slotName: z.string().nullable(),
  fenced: z.boolean(),
  fenceReason: z.string().nullable(),
  host: z.object({ id: z.number().int(), name: z.string(), sshAddress: z.string(), pgPort: z.number().int() }),
}).meta({ id: 'Member' });

export const clusterSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.string().meta({ description: '`setting_up`, `active` or `failed`' }),
  pgMajor: z.number().int().nullable(),
  replicationRole: z.string().nullable(),
  createdAt: isoTime,
  members: z.array(memberSchema),
}).meta({ id: 'Cluster' });

export const clusterListSchema = z.object({ clusters: z.array(clusterSchema) }).meta({ id: 'ClusterList' });

const memberState = z.union([
  z.object({ reachable: z.literal(true), inRecovery: z.boolean(), receiver: z.string().nullable() }),
  z.object({ reachable: z.literal(false), error: z.string() }),
]).meta({ id: 'MemberState', description: 'The member as PostgreSQL reports it: in recovery or not and its WAL receiver, or why it did not answer' });

const latestSample = z.object({
  at: z.number().meta({ description: 'Epoch ms' }),
  status: z.string(),
  state: z.string().nullable(),
  syncState: z.string().nullable(),
  sentBytes: z.number().nullable(),
  writeBytes: z.number().nullable(),
  flushBytes: z.number().nullable(),
  replayBytes: z.number().nullable(),
  writeLagMs: z.number().nullable(),
  flushLagMs: z.number().nullable(),
  replayLagMs: z.number().nullable().meta({ description: 'Null with measured bytes means idle, never 0' }),
  replyAgeMs: z.number().nullable(),
  replayPaused: z.boolean().nullable(),
  receiverStatus: z.string().nullable(),
  heartbeatLagMs: z.number().nullable(),
});

export const clusterDetailSchema = clusterSchema.extend({
  monitored: z.boolean(),
  statesFrom: z.object({ kind: z.enum(['monitor', 'direct']), ageMs: z.number().optional() }).meta({ description: 'The poller\'s latest tick (and its age), or each member read just now' }),
  members: z.array(memberSchema.extend({ state: memberState })),
  replicas: z.array(z.object({ hostId: z.number().int(), name: z.string(), status: z.string().meta({ description: 'streaming, catching up, stalled, disconnected, replay paused, unreachable, no data yet, no recent data, monitoring not enabled' }), sample: latestSample.nullable() })),
}).meta({ id: 'ClusterDetail' });

export const lagQuery = z.object({ range: z.enum(LAG_RANGES, `Give a range: ${LAG_RANGES.join(', ')}`).default('1h').meta({ description: 'How far back', example: '1h' }) });

const lagPoint = z.object({
  at: z.number(), hostId: z.number().int(), status: z.string(),
  writeBytes: z.number().nullable(), flushBytes: z.number().nullable(), replayBytes: z.number().nullable(),
  writeLagMs: z.number().nullable(), flushLagMs: z.number().nullable(), replayLagMs: z.number().nullable(), heartbeatLagMs: z.number().nullable(),
});

export const lagSeriesSchema = z.object({
  clusterId: z.number().int(),
  range: z.enum(LAG_RANGES),
  from: z.number(),
  to: z.number(),
  stepMs: z.number(),
  hosts: z.array(z.object({ hostId: z.number().int(), name: z.string() })),
  points: z.array(lagPoint),
  markers: z.array(z.object({ id: z.number().int(), kind: z.string(), status: z.string(), from: z.number(), to: z.number().nullable() })),
}).meta({ id: 'LagSeries', description: 'One point per replica per sample (5m, 1h) or per bucket (24h, 7d); times are epoch ms' });

export const slotsSchema = z.object({
  slots: z.array(z.object({ slotName: z.string(), at: z.number(), active: z.boolean(), retainedBytes: z.number().nullable(), walStatus: z.string().nullable(), safeWalSize: z.number().nullable() })),
  diskFreeBytes: z.number().nullable(),
  forecast: z.object({ growthBytesPerHour: z.number(), hoursToFull: z.number().nullable() }).nullable(),
}).meta({ id: 'Slots' });

