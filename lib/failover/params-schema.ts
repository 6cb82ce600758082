import { z } from 'zod';
import { serviceControlSchema } from '@/lib/discovery/facts-schema';
import type { DrillParams } from './plan-drill';
import type { PromoteParams } from './plan-promote';
import type { RejoinParams } from './plan-rejoin';
import type { SwitchoverParams } from './plan-switchover';
import type { FailoverMember } from './plan-types';

/** A member as a failover operation stores it (validated again before any command uses it). */
export const failoverMemberSchema: z.ZodType<FailoverMember> = z.object({
  hostId: z.number().int(),
  name: z.string(),
  address: z.string(),
  pgPort: z.number().int(),
  control: serviceControlSchema,
  dataDirectory: z.string(),
  applicationName: z.string(),
  slotName: z.string().nullable(),
});

export const promoteParamsSchema: z.ZodType<PromoteParams> = z.object({
  candidate: z.string(),
  oldPrimary: z.string().nullable(),
  fence: z.enum(['stop', 'acknowledged']),
  requestedAtMs: z.number(),
  referenceLsn: z.string().nullable(),
  overrideBytes: z.number().nullable(),
  needRejoin: z.array(z.string()).optional(),
  members: z.array(failoverMemberSchema),
  token: z.string(),
  reason: z.string(),
});

export const switchoverParamsSchema: z.ZodType<SwitchoverParams> = z.object({
  candidate: z.string(),
  primary: z.string(),
  requestedAtMs: z.number(),
  members: z.array(failoverMemberSchema),
  token: z.string(),
  maxLagBytes: z.number(),
});

export const rejoinParamsSchema: z.ZodType<RejoinParams> = z.object({
  member: failoverMemberSchema,
  upstream: failoverMemberSchema,
  requestedAtMs: z.number(),
  mode: z.enum(['rewind', 'rebuild', 'backup']).optional(),
  stamp: z.string().optional(),
  stanza: z.string().optional(),
});

export const drillParamsSchema: z.ZodType<DrillParams> = z.object({
  there: switchoverParamsSchema,
  back: switchoverParamsSchema,
  run: z.string(),
});
