import { z } from 'zod';
import { serviceControlSchema } from '@/lib/discovery/facts-schema';
import { failoverMemberSchema } from '@/lib/failover/params-schema';
import type { BackupParams } from './plan-backup';
import type { EnableBackupsParams } from './plan-enable';
import type { RestoreParams } from './plan-restore';
import type { RestoreHost } from './restore-steps';
import { restoreTargetSchema } from './restore-target';
import { BACKUP_TYPES } from './types';

export const enableBackupsParamsSchema: z.ZodType<EnableBackupsParams> = z.object({
  primary: z.string(),
  restart: z.boolean(),
  requestedAt: z.iso.datetime(),
});

export const backupParamsSchema: z.ZodType<BackupParams> = z.object({
  type: z.enum(BACKUP_TYPES),
  repository: z.number().int().min(1).max(4),
  primary: z.string(),
  requestedAt: z.iso.datetime(),
  scheduled: z.boolean(),
});

const restoreHostSchema: z.ZodType<RestoreHost> = z.object({
  hostId: z.number().int(),
  name: z.string(),
  address: z.string(),
  pgPort: z.number().int(),
  dataDirectory: z.string(),
  control: serviceControlSchema,
  hostKeyType: z.string(),
  hostKeyFingerprint: z.string(),
});

export const restoreParamsSchema: z.ZodType<RestoreParams> = z.object({
  onto: restoreHostSchema,
  target: restoreTargetSchema,
  action: z.enum(['pause', 'promote']),
  repository: z.number().int().min(1).max(4).nullable(),
  primary: z.string().nullable(),
  stamp: z.string().regex(/^\d{8}T\d{6}Z$/),
  requestedAt: z.iso.datetime(),
  drill: z.boolean(),
  replace: z.object({ primary: failoverMemberSchema, replicas: z.array(failoverMemberSchema) }).optional(),
});
