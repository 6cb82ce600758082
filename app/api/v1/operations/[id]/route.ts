import { operationRoute } from '@/lib/api/routes/operations';

export const dynamic = 'force-dynamic';

export const GET = operationRoute.handle;
