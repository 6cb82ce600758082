import { listHostsRoute } from '@/lib/api/routes/hosts';

export const dynamic = 'force-dynamic';

export const GET = listHostsRoute.handle;
