import { notFound } from 'next/navigation';
import { OperationLive } from '@/components/operations/operation-live';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { readFailoverMetrics } from '@/lib/db/failover-history';
import { findOperation, operationReader } from '@/lib/db/operations-read';
import { describeFailoverFigures } from '@/lib/failover/figures';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: `Operation ${(await params).id}` };
}

export default async function OperationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const user = await requireUser();
  const [operation, failover] = await Promise.all([findOperation(Number(id), operationReader(user.role)), readFailoverMetrics(Number(id))]);
  if (!operation) notFound();
  const figures = failover ? describeFailoverFigures(failover.kind, failover.metrics) : [];
  return (
    <>
      <PageHeader
        title={`Operation ${operation.id}: ${operation.kind}`}
        description="Each step checks whether its end state already holds, runs, then proves the result. Commands are shown exactly as run, with secrets redacted."
      />
      {figures.length ? (
        <ul className="mb-4 rounded-md border border-line bg-panel p-3 text-sm" data-testid="operation-figures">
          {figures.map((line) => <li key={line}>{line}</li>)}
        </ul>
      ) : null}
      <OperationLive initial={operation} canRun={can(user.role, 'operations.run')} />
    </>
  );
}
