'use server';

import { z } from 'zod';
import { requestRejoin } from '@/lib/operations/rejoin/request';
import { failure, success } from './action-result';
import { defineAction } from './define-action';
import { memberNameField } from '@/lib/replication/names';
import { clusterIdField, reasonField, rejoinMethodField } from './operation-form-fields';

const rejoinFormSchema = z.object({
  clusterId: clusterIdField,
  member: memberNameField('Choose the member to rejoin'),
  reason: reasonField,
  method: rejoinMethodField,
});

/**
 * Rejoins a fenced former primary as a standby of the current primary (pg_rewind, keeping
 * a copy of the WAL it discards, or a rebuild by base backup with the old data directory
 * moved aside), clearing its fence when it streams.
 */
export const startRejoin = defineAction({ permission: 'operations.run', audit: 'cluster.rejoin', schema: rejoinFormSchema }, async ({ clusterId, member, reason, method }, actor, call) => {
  const outcome = await requestRejoin(clusterId, member, reason, actor, call.receivedAtMs, method);
  return outcome.ok ? success({ operationId: outcome.operationId }) : failure(outcome.message);
});
