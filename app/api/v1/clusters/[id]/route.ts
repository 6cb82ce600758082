import { clusterRoute } from '@/lib/api/routes/clusters';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = clusterRoute.handle;
