'use client';

import { StartOperationButton } from '@/components/operations/start-operation-button';
import { startRenewCertificates } from '@/lib/actions/start-renew-certificates';

/** Starts the renewal of every member's certificate; links to the operation once started. */
export function RenewCertificatesButton({ clusterId }: { clusterId: number }) {
  return <StartOperationButton clusterId={clusterId} action={startRenewCertificates} label="Renew certificates" testId="renew-certificates" />;
}
