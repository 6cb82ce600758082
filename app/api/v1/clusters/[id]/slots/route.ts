import { clusterSlotsRoute } from '@/lib/api/routes/clusters';

export const dynamic = 'force-dynamic';

export const GET = clusterSlotsRoute.handle;
