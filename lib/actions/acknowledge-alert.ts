'use server';

import { revalidatePath } from 'next/cache';
import { acknowledgeAlert as acknowledge } from '@/lib/alerts/acknowledge';
import { acknowledgeSchema } from '@/lib/alerts/rule-schema';
import { failure, success } from './action-result';
import { defineAction } from './define-action';

/** Operators acknowledge an alert with a comment; audited, and webhooks are told (see lib/alerts/acknowledge.ts). */
export const acknowledgeAlert = defineAction({ permission: 'operations.run', audit: 'alert.acknowledge', schema: acknowledgeSchema }, async ({ eventId, comment }, actor) => {
  const outcome = await acknowledge(eventId, comment, actor);
  if (!outcome.ok) return failure(outcome.message);
  revalidatePath('/', 'layout');
  return success(null);
});
