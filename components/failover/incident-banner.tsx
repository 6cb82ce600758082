'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { incidentDetail } from '@/lib/failover/incident-text';
import { PromotePanel } from './promote-panel';

/**
 * Shown on the cluster page when the recorded primary does not answer: says so plainly
 * and opens the promote panel (the panel reads the candidates itself, fresh).
 */
export function IncidentBanner({ clusterId, primaryName, error }: { clusterId: number; primaryName: string; error: string }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="space-y-4 rounded-lg border border-danger/50 bg-danger/10 p-4" role="alert" data-testid="incident-banner">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="font-semibold text-danger">The primary {primaryName} does not answer.</p>
          <p className="text-sm text-muted">{incidentDetail(error)}</p>
        </div>
        {!open ? <Button type="button" variant="danger" onClick={() => setOpen(true)}>Promote a replica…</Button> : null}
      </div>
      {open ? <div className="rounded-md border border-line bg-panel p-4"><PromotePanel clusterId={clusterId} onClose={() => setOpen(false)} /></div> : null}
    </section>
  );
}

/** A "Promote" button for one replica's card; opens the panel with that replica chosen. */
export function PromoteButton({ clusterId, candidate }: { clusterId: number; candidate: string }) {
  const [open, setOpen] = useState(false);
  if (!open) return <Button type="button" variant="secondary" onClick={() => setOpen(true)}>Promote {candidate}…</Button>;
  return <div className="rounded-md border border-line bg-panel p-4"><PromotePanel clusterId={clusterId} initialCandidate={candidate} onClose={() => setOpen(false)} /></div>;
}
