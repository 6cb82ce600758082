import type { OperationStepView } from '@/lib/db/operations-read';
import { CopyButton } from './copy-button';
import { formatTime, stepDuration } from './format';
import { ProgressBar } from './progress-bar';
import { StatusBadge } from './status-badge';

/**
 * One step: status, host, timings, exact commands, output tail, outcome and progress. A
 * restricted step (routing hooks) says so: admins get its commands and output in full,
 * others what ran and how it ended.
 */
export function StepItem({ step, now }: { step: OperationStepView; now: number | null }) {
  const duration = stepDuration(step, now);
  const running = step.status === 'running';
  return (
    <li className={`rounded-lg border bg-panel ${running ? 'border-warn/50' : 'border-line'}`} data-testid="operation-step" data-status={step.status}>
      <div className="flex flex-wrap items-center gap-3 border-b border-line px-4 py-2.5">
        <span className="font-mono text-xs text-muted">{step.position + 1}</span>
        <span className="font-medium">{step.name}</span>
        {step.host ? <span className="font-mono text-xs text-muted">{step.host}</span> : null}
        <StatusBadge status={step.status} />
        <span className="ml-auto font-mono text-xs text-muted" title={`started ${formatTime(step.startedAt)}, finished ${formatTime(step.finishedAt)}`}>
          {step.startedAt ? formatTime(step.startedAt) : 'not started'}
          {duration === null ? '' : ` · ${duration}`}
        </span>
      </div>
      <div className="space-y-3 px-4 py-3">
        {step.outcome ? <p className={`text-sm ${step.status === 'failed' ? 'text-danger' : ''}`} data-testid="step-outcome">{step.outcome}</p> : null}
        {step.progress ? <ProgressBar progress={step.progress} active={running} /> : null}
        {step.restricted ? <p className="text-xs text-muted" data-testid="step-restricted">The commands of this step and their output are shown to admins only.</p> : null}
        {step.commands.length ? (
          <div>
            <div className="mb-1 flex items-center gap-2 text-xs text-muted">
              Commands <CopyButton text={step.commands.join('\n')} />
            </div>
            <pre className="overflow-x-auto rounded-md bg-canvas p-3 font-mono text-xs leading-5" data-testid="step-commands">{step.commands.join('\n')}</pre>
          </div>
        ) : null}
        {step.outputTail ? (
          <details open={running || step.status === 'failed'}>
            <summary className="cursor-pointer text-xs text-muted">Output (last 8 KiB)</summary>
            <pre className="mt-1 max-h-72 overflow-auto rounded-md bg-canvas p-3 font-mono text-xs leading-5" data-testid="step-output">{step.outputTail}</pre>
          </details>
        ) : null}
      </div>
    </li>
  );
}
