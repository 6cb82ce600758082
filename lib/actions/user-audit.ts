import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { recordAudit } from '@/lib/db/audit';
import { failure, success, type ActionResult } from './action-result';
import { auditedBy, type Actor } from './define-action';

/** The user an account action is about; the e-mail is kept as text in the audit, so it outlives the user. */
export interface UserTarget {
  readonly id: string;
  readonly email?: string;
}

/**
 * Records the outcome of one account action on `target` by `actor` and gives the answer for the
 * form: `done` for a change made, `denied` for a policy refusal (yourself, the last admin),
 * `failed` for one that could not apply (no such user, nothing to change). Pass the change's
 * transaction so the record is part of it.
 */
export function userAudit(actor: Actor, action: string, target: UserTarget, tx: Pick<Prisma.TransactionClient, 'auditEvent'>) {
  const record = (summary: string, outcome: 'ok' | 'denied' | 'failed') =>
    recordAudit({ ...auditedBy(actor), action, summary, outcome, targetType: 'user', targetId: target.id, targetName: target.email ?? target.id }, tx);
  return {
    async done(summary: string): Promise<ActionResult> {
      await record(summary, 'ok');
      return success(null);
    },
    async denied(message: string): Promise<ActionResult> {
      await record(`Refused: ${message}`, 'denied');
      return failure(message);
    },
    async failed(message: string): Promise<ActionResult> {
      await record(`Failed: ${message}`, 'failed');
      return failure(message);
    },
  };
}

/** "1 session" or "3 sessions", for audit summaries. */
export function sessionCount(count: number): string {
  return count === 1 ? '1 session' : `${count} sessions`;
}
