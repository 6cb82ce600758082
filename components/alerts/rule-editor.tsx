'use client';

import { useActionState } from 'react';
import { updateAlertRule } from '@/lib/actions/update-alert-rule';
import { ALERT_METRICS, type AlertRuleSpec } from '@/lib/alerts/rules';
import { THRESHOLD_INPUT_UNIT, thresholdForInput } from '@/lib/alerts/rule-schema';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { submitKeepingValues } from '@/components/ui/submit-keeping-values';

const input = 'w-24 rounded-md border border-line bg-canvas px-2 py-1 text-sm aria-invalid:border-danger disabled:opacity-60';

/** One row per alert rule of a cluster; admins edit threshold, hold time and on/off, others read. */
export function RuleEditor({ clusterId, rules, canEdit }: { clusterId: number; rules: AlertRuleSpec[]; canEdit: boolean }) {
  return (
    <div className="divide-y divide-line" data-testid="rule-editor">
      {rules.map((rule) => (
        <RuleRow key={`${rule.metric}:${rule.severity}`} clusterId={clusterId} rule={rule} canEdit={canEdit} />
      ))}
    </div>
  );
}

function RuleRow({ clusterId, rule, canEdit }: { clusterId: number; rule: AlertRuleSpec; canEdit: boolean }) {
  const [state, action, pending] = useActionState(updateAlertRule, null);
  const info = ALERT_METRICS[rule.metric];
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const id = `${rule.metric}-${rule.severity}`;
  return (
    <form onSubmit={submitKeepingValues(action)} className="grid gap-2 py-3 md:grid-cols-[1fr_auto]" data-testid="rule-row" data-metric={rule.metric}>
      <input type="hidden" name="clusterId" value={clusterId} />
      <input type="hidden" name="metric" value={rule.metric} />
      <input type="hidden" name="severity" value={rule.severity} />
      <div>
        <div className="flex items-center gap-2 text-sm font-medium">
          {info.label} <Badge tone={rule.severity === 'critical' ? 'bad' : 'warn'}>{rule.severity}</Badge>
        </div>
        <p className="text-xs text-muted">{info.description}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {info.unit ? (
          <label className="flex items-center gap-1">
            <span className="sr-only">Threshold</span>
            <input id={`${id}-threshold`} name="threshold" defaultValue={thresholdForInput(rule)} inputMode="decimal" disabled={!canEdit} aria-invalid={errors?.threshold ? true : undefined} className={input} />
            <span className="text-muted">{THRESHOLD_INPUT_UNIT[info.unit]}</span>
          </label>
        ) : null}
        <label className="flex items-center gap-1">
          <span className="text-muted">for</span>
          <input id={`${id}-for`} name="forSeconds" defaultValue={rule.forSeconds} inputMode="numeric" disabled={!canEdit} aria-invalid={errors?.forSeconds ? true : undefined} className={input} />
          <span className="text-muted">s</span>
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" name="enabled" defaultChecked={rule.enabled} disabled={!canEdit} /> enabled
        </label>
        {canEdit ? <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1 text-xs">{pending ? 'Saving…' : 'Save'}</Button> : null}
      </div>
      <div className="md:col-span-2">
        {[...(errors?.threshold ?? []), ...(errors?.forSeconds ?? [])].map((message) => (
          <p key={message} className="text-xs text-danger" role="alert">{message}</p>
        ))}
        {state && !state.ok && !state.fieldErrors ? <FormMessage state={state} /> : null}
        {state?.ok ? <p className="text-xs text-accent" role="status">Saved; applies from the next poll.</p> : null}
      </div>
    </form>
  );
}
