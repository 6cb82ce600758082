'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { DefinitionList } from '@/components/ui/definition-list';
import type { OperationView } from '@/lib/db/operations-read';
import { formatElapsed, formatTime, isActiveStatus, spanMs } from './format';
import { OperationControls } from './operation-controls';
import { StatusBadge } from './status-badge';
import { StepItem } from './step-item';

const POLL_MS = 1000;

async function fetchOperation(id: number): Promise<OperationView | null> {
  try {
    const response = await fetch(`/api/operations/${id}`, { cache: 'no-store' });
    return response.ok ? ((await response.json()) as OperationView) : null;
  } catch {
    return null;
  }
}

/** The operation and its steps, polled every second while it is active. */
export function OperationLive({ initial, canRun }: { initial: OperationView; canRun: boolean }) {
  const [view, setView] = useState(initial);
  const [now, setNow] = useState<number | null>(null);
  const [wake, setWake] = useState(0);
  const active = isActiveStatus(view.status);
  const onChanged = useCallback(() => setWake((count) => count + 1), []);

  useEffect(() => {
    if (!active && wake === 0) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const next = await fetchOperation(view.id);
      if (stopped) return;
      setNow(Date.now());
      if (next) setView(next);
      if (!next || isActiveStatus(next.status)) timer = setTimeout(tick, next ? POLL_MS : POLL_MS * 3);
    };
    timer = setTimeout(tick, active ? POLL_MS : 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [view.id, active, wake]);

  const duration = spanMs(view.startedAt, view.finishedAt, active ? now : null);
  return (
    <div className="space-y-6">
      <div className="grid gap-4 rounded-lg border border-line bg-panel p-4 lg:grid-cols-[minmax(0,1fr)_auto]">
        <DefinitionList
          testId="operation-facts"
          rows={[
            ['Status', <span key="status" className="inline-flex items-center gap-2" data-testid="operation-status" data-status={view.status}><StatusBadge status={view.status} />{active ? <span className="text-xs text-muted">updating every second</span> : null}</span>],
            ['Outcome', view.outcome ?? (active ? 'In progress.' : '—')],
            ['Cluster', view.cluster ? <Link key="cluster" href={`/operations?cluster=${view.cluster.id}`} className="text-accent hover:underline">{view.cluster.name}</Link> : '—'],
            ['Requested by', view.requestedBy],
            ['Reason', view.reason || '—'],
            ['Created', formatTime(view.createdAt)],
            ['Started', formatTime(view.startedAt)],
            ['Finished', formatTime(view.finishedAt)],
            ['Duration', duration === null ? '—' : formatElapsed(duration)],
          ]}
        />
        {canRun ? <OperationControls id={view.id} status={view.status} onChanged={onChanged} /> : null}
      </div>
      <ol className="space-y-3" data-testid="operation-steps">
        {view.steps.map((step) => (
          <StepItem key={step.position} step={step} now={now} />
        ))}
      </ol>
    </div>
  );
}
