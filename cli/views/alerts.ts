import type { AlertList } from '../api-types';
import { ago, renderTable } from './table';

/** `tandem alerts`: the open alerts, critical first, as the API orders them. */
export function alertsTable({ alerts }: AlertList, now: number): string {
  if (alerts.length === 0) return 'No open alerts.\n';
  return renderTable(
    ['ID', 'SEVERITY', 'CLUSTER', 'SUBJECT', 'OPEN FOR', 'ACKNOWLEDGED', 'SUMMARY'],
    alerts.map((alert) => [
      String(alert.id),
      alert.severity,
      alert.clusterName,
      alert.subject,
      ago(alert.openedAt, now),
      alert.acknowledgedAt ? `by ${alert.acknowledgedBy ?? 'someone'}` : 'no',
      alert.summary,
    ]),
  );
}
