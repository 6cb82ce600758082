import 'server-only';
import type { Actor } from '@/lib/actions/define-action';
import { requestAddReplica } from '@/lib/operations/add-replica/request';
import { requestCheckCluster } from '@/lib/operations/check-cluster/request';
import { requestDrill } from '@/lib/operations/drill/request';
import { requestPromote } from '@/lib/operations/promote/request';
import { requestRejoin } from '@/lib/operations/rejoin/request';
import { requestSwitchover } from '@/lib/operations/switchover/request';
import { requestBackup } from '@/lib/operations/backup/request';
import { requestEnableBackups } from '@/lib/operations/enable-backups/request';
import { requestRestoreDrill } from '@/lib/operations/restore-drill/request';
import { requestReplaceCluster } from '@/lib/operations/restore/replace-request';
import { requestRestore } from '@/lib/operations/restore/request';
import type { FieldErrors } from './problem';
import type { StartOperationBody } from './schemas/operations';

export type ApiStartOutcome = { readonly ok: true; readonly operationId: number } | { readonly ok: false; readonly message: string; readonly errors?: FieldErrors };

/** The API's name of a form field the guard rails name (the typed cluster name is `confirm` in JSON). */
const apiField = (field: string): string => (field === 'confirmName' ? 'confirm' : field);

/**
 * Starts what the body asks for through the same request function the cluster page's button
 * calls, so the API has the page's guard rails, refusals and audit records, and no others.
 */
export async function startFromApi(clusterId: number, body: StartOperationBody, actor: Actor, receivedAtMs: number): Promise<ApiStartOutcome> {
  switch (body.kind) {
    case 'check':
      return requestCheckCluster(clusterId, body.reason, actor);
    case 'add-replica': {
      const outcome = await requestAddReplica({ clusterId, hostId: body.hostId, baseBackupMaxRateMb: body.baseBackupMaxRateMb ?? null, source: body.source ?? 'primary' }, actor);
      return outcome.ok ? outcome : { ok: false, message: outcome.message, errors: outcome.fieldErrors };
    }
    case 'switchover':
      return requestSwitchover(clusterId, { candidate: body.candidate, confirmName: body.confirm, reason: body.reason }, actor, receivedAtMs);
    case 'drill':
      return requestDrill(clusterId, { candidate: body.candidate, confirmName: body.confirm, reason: body.reason }, actor, receivedAtMs);
    case 'rejoin':
      return requestRejoin(clusterId, body.member, body.reason, actor, receivedAtMs, body.method);
    case 'promote': {
      const request = { candidate: body.candidate, confirmName: body.confirm, reason: body.reason, acknowledgeDown: body.acknowledgeDown, overrideBytes: body.overrideBytes === undefined ? '' : String(body.overrideBytes) };
      const outcome = await requestPromote(clusterId, request, actor, receivedAtMs);
      if (outcome.ok) return outcome;
      const errors: FieldErrors = {};
      for (const refusal of outcome.refusals) (errors[apiField(refusal.field)] ??= []).push(refusal.message);
      return { ok: false, message: outcome.message, ...(outcome.refusals.length ? { errors } : {}) };
    }
    case 'enable-backups':
      return requestEnableBackups(clusterId, body.allowRestart, actor);
    case 'backup':
      return requestBackup(clusterId, body.type, body.repository, actor);
    case 'restore':
      return requestRestore(clusterId, { hostId: body.hostId, target: body.target, action: body.action, repository: body.repository, confirm: body.confirm, reason: body.reason }, actor);
    case 'restore-drill':
      return requestRestoreDrill(clusterId, body.repository, body.reason, actor);
    case 'replace-cluster':
      return requestReplaceCluster(clusterId, { target: body.target, repository: body.repository, confirmHost: body.confirmHost, confirmCluster: body.confirmCluster, reason: body.reason }, actor);
  }
}
