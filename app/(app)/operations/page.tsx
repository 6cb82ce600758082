import { ComingLater } from '@/components/ui/panel';
import { PageHeader } from '@/components/ui/page-header';

export const metadata = { title: 'Operations' };

export default function OperationsPage() {
  return (
    <>
      <PageHeader title="Operations" description="Setups, promotions and switchovers with every step, command and outcome." />
      <ComingLater>
        No operation can run yet: the operations engine arrives with the setup wizard. Every operation will be listed here
        with its steps, exact commands (secrets redacted) and outcome.
      </ComingLater>
    </>
  );
}
