'use server';

import { z } from 'zod';
import { renewCertificatesKind } from '@/lib/operations/renew-certificates/kind';
import { defineAction } from './define-action';
import { clusterIdField } from './operation-form-fields';
import { startClusterOperation } from './start-cluster-operation';

const schema = z.object({ clusterId: clusterIdField });

/** "Renew certificates": starts the renewal of every member's TLS certificate from Tandem's CA. Audited whether it starts or is refused. */
export const startRenewCertificates = defineAction({ permission: 'operations.run', audit: 'cluster.renew-certificates', schema }, ({ clusterId }, actor) =>
  startClusterOperation(renewCertificatesKind, { clusterId, params: {}, reason: 'Renew TLS certificates', audit: 'cluster.renew-certificates', what: 'renewing TLS certificates' }, actor));
