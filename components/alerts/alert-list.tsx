import type { ReactNode } from 'react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatElapsed } from '@/components/operations/format';
import { AcknowledgeForm } from './acknowledge-form';

export interface AlertItem {
  id: number;
  clusterId: number;
  clusterName: string;
  severity: 'warning' | 'critical';
  subject: string;
  summary: string;
  openedAt: Date;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  ackComment: string | null;
}

const utc = (date: Date) => `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)} UTC`;

/**
 * Open alerts first (with their age and an acknowledge form for operators), then recently
 * resolved ones with how long they lasted. Presentational: pass rows from listAlertEvents.
 */
export function AlertList({ open, resolved, canAcknowledge, showCluster = false, now }: { open: AlertItem[]; resolved: AlertItem[]; canAcknowledge: boolean; showCluster?: boolean; now: Date }) {
  if (open.length === 0 && resolved.length === 0) return <p className="text-sm text-muted" data-testid="alert-list-empty">No alerts so far.</p>;
  return (
    <div className="space-y-4" data-testid="alert-list">
      {open.length === 0 ? <p className="text-sm text-accent">No open alerts.</p> : null}
      <ul className="divide-y divide-line">
        {open.map((alert) => (
          <li key={alert.id} className="py-2" data-testid="alert-open" data-severity={alert.severity}>
            <Row alert={alert} showCluster={showCluster}>
              open for {formatElapsed(now.getTime() - alert.openedAt.getTime())} · since {utc(alert.openedAt)}
            </Row>
            {alert.acknowledgedAt ? <Acknowledged alert={alert} /> : canAcknowledge ? <AcknowledgeForm eventId={alert.id} /> : null}
          </li>
        ))}
      </ul>
      {resolved.length > 0 ? (
        <div>
          <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-muted">Recently resolved</h3>
          <ul className="divide-y divide-line">
            {resolved.map((alert) => (
              <li key={alert.id} className="py-2 opacity-80" data-testid="alert-resolved">
                <Row alert={alert} showCluster={showCluster} resolved>
                  {utc(alert.openedAt)} → {alert.resolvedAt ? utc(alert.resolvedAt) : '—'} · lasted {formatElapsed((alert.resolvedAt ?? now).getTime() - alert.openedAt.getTime())}
                </Row>
                {alert.acknowledgedAt ? <Acknowledged alert={alert} /> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function Row({ alert, showCluster, resolved = false, children }: { alert: AlertItem; showCluster: boolean; resolved?: boolean; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-baseline gap-2 text-sm">
      <Badge tone={resolved ? 'neutral' : alert.severity === 'critical' ? 'bad' : 'warn'}>{resolved ? 'resolved' : alert.severity}</Badge>
      {showCluster ? <Link href={`/clusters/${alert.clusterId}`} className="font-medium hover:underline">{alert.clusterName}</Link> : null}
      <span>{alert.summary}</span>
      <span className="text-xs text-muted">{children}</span>
    </div>
  );
}

function Acknowledged({ alert }: { alert: AlertItem }) {
  return (
    <p className="mt-1 text-xs text-muted" data-testid="alert-ack">
      Acknowledged by {alert.acknowledgedBy} at {alert.acknowledgedAt ? utc(alert.acknowledgedAt) : '—'}: “{alert.ackComment}”
    </p>
  );
}
