/**
 * The API's answers, typed by the zod schemas that parse them on the server before they are
 * sent (lib/api/schemas). Types only: nothing of the server is loaded by the CLI.
 */
import type { z } from 'zod';
import type { alertListSchema, alertSchema } from '@/lib/api/schemas/alerts';
import type { clusterDetailSchema, clusterListSchema } from '@/lib/api/schemas/clusters';
import type { hostListSchema } from '@/lib/api/schemas/hosts';
import type { operationListSchema, operationSchema, startedSchema, startOperationBody } from '@/lib/api/schemas/operations';

export type ClusterList = z.output<typeof clusterListSchema>;
export type ClusterSummary = ClusterList['clusters'][number];
export type ClusterDetail = z.output<typeof clusterDetailSchema>;
export type HostList = z.output<typeof hostListSchema>;
export type AlertList = z.output<typeof alertListSchema>;
export type Alert = z.output<typeof alertSchema>;
export type OperationList = z.output<typeof operationListSchema>;
export type Operation = z.output<typeof operationSchema>;
export type Started = z.output<typeof startedSchema>;
/** What `POST /clusters/{id}/operations` takes, as sent (defaults may be left out). */
export type StartBody = z.input<typeof startOperationBody>;
