import { z } from 'zod';
import { reasonField, rejoinMethodField } from '@/lib/actions/operation-form-fields';
import { OPERATIONS_PAGE_SIZE } from '@/lib/db/operations-read';
import { restoreTargetSchema } from '@/lib/backup/restore-target';
import { BACKUP_TYPES } from '@/lib/backup/types';
import { memberNameField } from '@/lib/replication/names';
import { clusterFilter, isoTime, nullableTime } from './common';

export const operationSummarySchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(['pending', 'running', 'succeeded', 'failed', 'interrupted', 'cancelled']),
  cluster: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  requestedBy: z.string(),
  reason: z.string(),
  outcome: z.string().nullable(),
  createdAt: isoTime,
  startedAt: nullableTime,
  finishedAt: nullableTime,
}).meta({ id: 'OperationSummary' });

const progress = z.object({
  done: z.number(), total: z.number().nullable(), unit: z.enum(['bytes', 'count']), ratePerSecond: z.number().nullable(), etaSeconds: z.number().nullable(), at: z.string(), label: z.string().optional(),
});

const stepStatus = z.enum(['pending', 'running', 'succeeded', 'skipped', 'failed', 'cancelled']);

export const operationSchema = operationSummarySchema.extend({
  steps: z.array(z.object({
    position: z.number().int(),
    name: z.string(),
    host: z.string().nullable(),
    status: stepStatus,
    commands: z.array(z.string()).meta({ description: 'As run, secrets redacted; a restricted step\'s in full only for an admin' }),
    outputTail: z.string(),
    restricted: z.boolean(),
    outcome: z.string().nullable(),
    progress: progress.nullable(),
    startedAt: nullableTime,
    finishedAt: nullableTime,
  })),
}).meta({ id: 'Operation' });

export const operationListSchema = z.object({ operations: z.array(operationSummarySchema) }).meta({ id: 'OperationList' });

export const operationsQuery = z.object({
  cluster: clusterFilter,
  limit: z.string().regex(/^\d{1,3}$/, `Give a limit of 1 to ${OPERATIONS_PAGE_SIZE}`).transform(Number).refine((limit) => limit >= 1 && limit <= OPERATIONS_PAGE_SIZE, `Give a limit of 1 to ${OPERATIONS_PAGE_SIZE}`).optional()
    .meta({ description: `At most this many, newest first (1 to ${OPERATIONS_PAGE_SIZE}, default ${OPERATIONS_PAGE_SIZE})`, example: '20' }),
});

const repositoryNumber = z.number().int().min(1).max(4).meta({ description: 'pgBackRest repository number (repo1 to repo4)' });
/** A repository, or null for whichever holds the backup (pgBackRest's choice). */
const anyRepository = repositoryNumber.nullable().default(null);

/** What a planned switchover and a drill ask for: the replica, the cluster's name typed, and why. */
const switchoverFields = {
  candidate: memberNameField('Name the replica to switch over to'),
  confirm: z.string().max(100, 'Type the cluster name to confirm').default('').meta({ description: 'The cluster\'s name, typed' }),
  reason: reasonField,
};

/**
 * What `POST /clusters/{id}/operations` starts, by `kind`: the fields of the cluster page's
 * forms for it, in JSON. The guard rails judge them exactly as they judge the forms.
 */
export const startOperationBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('check'), reason: reasonField }).meta({ id: 'StartCheck', description: 'Read-only: reach every member over SSH and ask its PostgreSQL to answer' }),
  z.object({ kind: z.literal('add-replica'), hostId: z.number().int().positive(), baseBackupMaxRateMb: z.number().int().min(1).max(9999).optional().meta({ description: 'Base backup rate limit in MiB/s; absent for none' }),
    source: z.enum(['primary', 'backup']).optional().meta({ description: "Where the copy comes from: the primary (pg_basebackup, the default) or the cluster's latest pgBackRest backup" }) })
    .meta({ id: 'StartAddReplica', description: 'Preflight and plan are redone from the hosts; refused while preflight fails' }),
  z.object({ kind: z.literal('switchover'), ...switchoverFields }).meta({ id: 'StartSwitchover', description: 'Planned switchover with zero loss; the old primary becomes a standby' }),
  z.object({
    kind: z.literal('promote'),
    candidate: memberNameField('Name the replica to promote'),
    confirm: switchoverFields.confirm,
    reason: reasonField.meta({ description: 'Why (at least 3 characters), kept in the audit log and on the operation' }),
    acknowledgeDown: z.boolean().default(false).meta({ description: 'The unreachable old primary is down or cut off from its clients' }),
    overrideBytes: z.number().int().nonnegative().optional().meta({ description: 'The bytes at risk, as the lag guard\'s refusal states them, to override it' }),
  }).meta({ id: 'StartPromote', description: 'Promote a replica (incident): fences the old primary first' }),
  z.object({ kind: z.literal('rejoin'), member: memberNameField('Name the member to rejoin'), reason: reasonField, method: rejoinMethodField })
    .meta({ id: 'StartRejoin', description: 'Rejoin a fenced former primary as a standby (pg_rewind, a rebuild, or a restore of the latest backup)' }),
  z.object({ kind: z.literal('drill'), ...switchoverFields }).meta({ id: 'StartDrill', description: 'Failover drill: a switchover to the replica and back' }),
  z.object({ kind: z.literal('enable-backups'), allowRestart: z.boolean().default(false).meta({ description: 'The restart archive_mode needs is accepted now (standbys first, the primary last); without it a member with archive_mode off is a refusal' }) })
    .meta({ id: 'StartEnableBackups', description: 'Archiving into the repositories, the stanza, pgbackrest check and a first full backup' }),
  z.object({ kind: z.literal('backup'), type: z.enum(BACKUP_TYPES), repository: repositoryNumber }).meta({ id: 'StartBackup', description: 'One full, differential or incremental backup into one repository' }),
  z.object({
    kind: z.literal('restore'), hostId: z.number().int().positive().meta({ description: 'A host that is no member of any cluster' }), target: restoreTargetSchema,
    action: z.enum(['pause', 'promote']), repository: anyRepository, confirm: z.string().max(100).default('').meta({ description: "The host's name, typed" }), reason: reasonField,
  }).meta({ id: 'StartRestore', description: "Point-in-time restore onto a host that is no member: its server stopped, its data directory moved aside (never deleted)" }),
  z.object({ kind: z.literal('restore-drill'), repository: anyRepository, reason: reasonField }).meta({ id: 'StartRestoreDrill', description: "The latest backup restored onto the cluster's drill host, verified, then the host put back" }),
  z.object({
    kind: z.literal('replace-cluster'), target: restoreTargetSchema, repository: anyRepository,
    confirmHost: z.string().max(100).default('').meta({ description: "The primary's name, typed" }), confirmCluster: z.string().max(100).default('').meta({ description: "The cluster's name, typed" }), reason: reasonField,
  }).meta({ id: 'StartReplaceCluster', description: 'The whole cluster from a backup: the primary restored in place and promoted at the target, every replica rebuilt from it (every old data directory moved aside)' }),
]);

export type StartOperationBody = z.output<typeof startOperationBody>;

export const startedSchema = z.object({ operationId: z.number().int(), location: z.string() }).meta({ id: 'Started' });

