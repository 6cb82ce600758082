'use client';

import { useState } from 'react';
import type { RunbookStep } from '@/lib/replication/runbook';
import { Button } from '@/components/ui/button';

/** The plan preview: every step with its host, reason, skip condition, exact commands and proof. */
export function RunbookView({ steps, notes, text }: { steps: RunbookStep[]; notes: string[]; text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3" data-testid="runbook">
      <div className="flex items-center justify-between">
        <p className="text-sm text-muted">{steps.length} steps, in this order. Each is skipped when its end state already holds, so running again is safe.</p>
        <Button
          type="button"
          variant="ghost"
          onClick={async () => {
            await navigator.clipboard.writeText(text);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy as runbook'}
        </Button>
      </div>
      {notes.map((note) => (
        <p key={note} className="text-sm text-warn">{note}</p>
      ))}
      <ol className="space-y-2">
        {steps.map((step, index) => (
          <li key={`${index}-${step.title}`} className="rounded-md border border-line bg-canvas">
            <details>
              <summary className="cursor-pointer px-3 py-2 text-sm">
                <span className="mr-2 text-muted">{index + 1}.</span>
                {step.title} <span className="ml-2 font-mono text-xs text-muted">{step.host}</span>
              </summary>
              <div className="space-y-2 border-t border-line px-3 py-2 text-xs">
                <p className="text-muted">{step.why}</p>
                <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-panel p-2 font-mono text-[11px] leading-5">{step.commands.join('\n\n')}</pre>
                <p className="text-muted">Skipped when: <code className="font-mono">{step.skipWhen}</code></p>
                <p className="text-muted">Verified by: <code className="font-mono">{step.verify}</code></p>
              </div>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
