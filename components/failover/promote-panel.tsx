'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useCallback, useEffect, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';
import { assessPromote, type PromotePanelData } from '@/lib/actions/assess-promote';
import { startPromote } from '@/lib/actions/start-promote';
import { aheadOf } from '@/lib/failover/candidates';
import { formatBytes } from '@/lib/format/bytes';
import { CandidatesTable, ReferenceLine } from './candidates-table';

/** Fields that show their own refusals: a refusal naming one of them is not repeated above the button. */
const FIELDS_WITH_ERRORS = new Set(['candidate', 'acknowledgeDown', 'overrideBytes', 'reason', 'confirmName']);

/**
 * The promote panel: reads every candidate fresh when it opens (and on demand), shows the
 * recommendation and why, and asks for the guard rails' confirmations. The override field
 * appears only once the lag guard has refused, or the chosen candidate is over it.
 */
export function PromotePanel({ clusterId, initialCandidate, onClose }: { clusterId: number; initialCandidate?: string; onClose?: () => void }) {
  const router = useRouter();
  const [data, setData] = useState<PromotePanelData | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [reading, startReading] = useTransition();
  const [candidate, setCandidate] = useState(initialCandidate ?? '');
  const [state, dispatch, pending] = useActionState(startPromote, null);

  const read = useCallback(() => startReading(async () => {
    const result = await assessPromote(clusterId);
    if (!result.ok) return setReadError(result.message);
    setReadError(null);
    setData(result.data);
    setCandidate((current) => current || result.data.assessment.recommended || '');
  }), [clusterId]);

  useEffect(read, [read]);
  useEffect(() => {
    if (state?.ok) router.push(`/operations/${state.data.operationId}`);
  }, [state, router]);

  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  const chosen = data?.assessment.candidates.find((entry) => entry.name === candidate);
  const overGuard = chosen?.replayLagBytes !== null && chosen?.replayLagBytes !== undefined && data ? chosen.replayLagBytes > data.lagGuardBytes : false;
  const showOverride = overGuard || Boolean(errors.overrideBytes?.length);
  const shownAtFields = Object.keys(errors).length > 0 && Object.keys(errors).every((field) => FIELDS_WITH_ERRORS.has(field));
  const primaryDown = data?.assessment.primary ? !data.assessment.primary.reachable : false;
  const ahead = data && candidate && primaryDown ? aheadOf(data.assessment, candidate) : [];

  return (
    <div className="space-y-4" data-testid="promote-panel">
      <div className="flex items-center justify-between gap-3">
        <h3 className="text-sm font-semibold">Promote a replica</h3>
        <div className="flex gap-2">
          <Button type="button" variant="secondary" onClick={read} disabled={reading}>{reading ? 'Reading…' : 'Read candidates again'}</Button>
          {onClose ? <Button type="button" variant="ghost" onClick={onClose}>Close</Button> : null}
        </div>
      </div>
      {readError ? <p className="text-sm text-danger" role="alert">{readError}</p> : null}
      {!data ? <p className="text-sm text-muted">Reading every member now…</p> : (
        <>
          <ReferenceLine assessment={data.assessment} />
          <CandidatesTable assessment={data.assessment} lagGuardBytes={data.lagGuardBytes} />
          <p className="rounded-md border border-line bg-raised px-3 py-2 text-sm" data-testid="recommendation">{data.assessment.why}</p>
          <form className="space-y-3" onSubmit={submitKeepingValues(dispatch)}>
            <input type="hidden" name="clusterId" value={clusterId} />
            <Field label="Replica to promote" name="candidate" errors={errors.candidate}>
              <Select name="candidate" value={candidate} onChange={(event) => setCandidate(event.target.value)} invalid={Boolean(errors.candidate)}>
                <option value="">Choose…</option>
                {data.assessment.candidates.map((entry) => <option key={entry.name} value={entry.name}>{entry.name}{entry.healthy ? '' : ' (cannot be promoted)'}</option>)}
              </Select>
            </Field>
            {ahead.length > 0 ? (
              <p className="text-sm text-warn" role="status">
                {ahead.join(' and ')} {ahead.length === 1 ? 'holds' : 'hold'} more WAL than {candidate}: {ahead.length === 1 ? 'it' : 'they'} cannot follow {candidate} and will need a rejoin (pg_rewind), and
                what only {ahead.length === 1 ? 'it holds' : 'they hold'} is lost. Promote {data?.assessment.recommended ?? 'the recommended replica'} instead unless you have a reason.
              </p>
            ) : null}
            <p className="text-xs text-muted">
              {primaryDown
                ? `Tandem cannot reach ${data.assessment.primary?.name ?? 'the primary'} to stop it. It will be marked fenced; you must confirm it is down or cut off from clients.`
                : `Tandem will stop ${data.assessment.primary?.name ?? 'the primary'} (fast), prove it stopped and disable its automatic start before promoting.`}
            </p>
            {primaryDown ? (
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="acknowledgeDown" className="mt-1" />
                <span>{data.assessment.primary?.name ?? 'The primary'} is down or isolated from its clients. I understand that if it still takes writes, the cluster has two primaries.</span>
              </label>
            ) : null}
            {errors.acknowledgeDown?.map((message) => <p key={message} className="text-xs text-danger" role="alert">{message}</p>)}
            {showOverride ? (
              <Field label="Lag guard override: type the bytes at risk" name="overrideBytes" errors={errors.overrideBytes}
                hint={chosen?.replayLagBytes ? `${candidate}'s replay is ${formatBytes(chosen.replayLagBytes)} (${chosen.replayLagBytes} bytes) behind; the limit is ${formatBytes(data.lagGuardBytes)}.` : undefined}>
                <TextInput name="overrideBytes" inputMode="numeric" autoComplete="off" invalid={Boolean(errors.overrideBytes)} />
              </Field>
            ) : null}
            <Field label="Reason (kept in the audit log)" name="reason" errors={errors.reason}>
              <TextInput name="reason" invalid={Boolean(errors.reason)} placeholder="e.g. pg1 lost its disk" />
            </Field>
            <Field label={`Type the cluster name, ${data.clusterName}, to confirm`} name="confirmName" errors={errors.confirmName}>
              <TextInput name="confirmName" autoComplete="off" invalid={Boolean(errors.confirmName)} />
            </Field>
            <FormMessage state={shownAtFields ? null : state} />
            <Button type="submit" variant="danger" disabled={pending || !candidate}>{pending ? 'Promoting…' : `Promote ${candidate || 'replica'}`}</Button>
          </form>
        </>
      )}
    </div>
  );
}
