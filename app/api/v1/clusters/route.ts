import { listClustersRoute } from '@/lib/api/routes/clusters';

export const dynamic = 'force-dynamic';

export const GET = listClustersRoute.handle;
