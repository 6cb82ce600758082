import { listOperationsRoute } from '@/lib/api/routes/operations';

export const dynamic = 'force-dynamic';

export const GET = listOperationsRoute.handle;
