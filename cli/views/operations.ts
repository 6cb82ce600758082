import { formatBytes } from '@/lib/format/bytes';
import { formatLagMs } from '@/lib/lag/units';
import type { Operation, OperationList } from '../api-types';
import { ago, orDash, renderTable } from './table';

type Step = Operation['steps'][number];

/** `tandem operations`: newest first. */
export function operationsTable({ operations }: OperationList, now: number): string {
  if (operations.length === 0) return 'No operations.\n';
  return renderTable(
    ['ID', 'KIND', 'STATUS', 'CLUSTER', 'REQUESTED BY', 'AGE', 'OUTCOME'],
    operations.map((operation) => [
      String(operation.id),
      operation.kind,
      operation.status,
      orDash(operation.cluster?.name),
      operation.requestedBy,
      ago(operation.createdAt, now),
      orDash(operation.outcome),
    ]),
  );
}

/** Whether the operation has ended (interrupted counts: it waits for a person to resume or cancel it). */
export function hasEnded(operation: Pick<Operation, 'status'>): boolean {
  return operation.status !== 'pending' && operation.status !== 'running';
}

function stepName(step: Step, total: number): string {
  return `step ${step.position + 1}/${total}${step.host ? ` [${step.host}]` : ''} ${step.name}`;
}

/** A step's progress, when it reports any: `45% of 2.6 GiB, 1.2 GiB done, ETA 1 min 5 s`. */
function progressOf(step: Step): string {
  const progress = step.progress;
  if (!progress) return '';
  const amount = (value: number) => (progress.unit === 'bytes' ? formatBytes(value) : String(value));
  const share = progress.total ? `${Math.floor((progress.done / progress.total) * 100)}% of ${amount(progress.total)}, ` : '';
  const eta = progress.etaSeconds === null ? '' : `, ETA ${formatLagMs(progress.etaSeconds * 1000)}`;
  return ` — ${progress.label ? `${progress.label}: ` : ''}${share}${amount(progress.done)} done${eta}`;
}

/** One line per step that has started, as it is now: what a follower prints when it changes. */
export function stepLine(operation: Operation, step: Step): string {
  return `${stepName(step, operation.steps.length)}: ${step.status}${step.outcome ? ` — ${step.outcome}` : ''}`;
}

/** The live line on a terminal: the operation, its running step, how long it has run and its progress. */
export function liveLine(operation: Operation, now: number): string {
  const running = operation.steps.find((step) => step.status === 'running');
  const head = `operation ${operation.id} ${operation.kind} ${operation.status}`;
  if (!running) return `${head}, ${ago(operation.startedAt ?? operation.createdAt, now)}`;
  return `${head}: ${stepName(running, operation.steps.length)}, ${ago(running.startedAt, now)}${progressOf(running)}`;
}

/** What a follower prints once the operation has ended: its status and outcome, and what the failed step said. */
export function endLines(operation: Operation): string {
  const lines = [`Operation ${operation.id} (${operation.kind}${operation.cluster ? ` on ${operation.cluster.name}` : ''}) ${operation.status}${operation.outcome ? `: ${operation.outcome}` : ''}`];
  for (const step of operation.steps.filter((candidate) => candidate.status === 'failed')) {
    lines.push(`  failed: ${stepName(step, operation.steps.length)}${step.outcome ? ` — ${step.outcome}` : ''}`);
    const tail = step.outputTail.trimEnd().split('\n').slice(-5).filter(Boolean);
    lines.push(...tail.map((line) => `    ${line}`));
  }
  if (operation.status === 'interrupted') lines.push('  Tandem stopped while it ran: resume or cancel it on its page in Tandem.');
  return lines.join('\n') + '\n';
}
