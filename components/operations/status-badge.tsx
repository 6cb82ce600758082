import { Badge } from '@/components/ui/badge';
import type { OperationStatus, StepStatus } from '@/lib/replication/engine/types';
import { STATUS_TONE } from './format';

export function StatusBadge({ status }: { status: OperationStatus | StepStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{status === 'running' ? 'running…' : status}</Badge>;
}
