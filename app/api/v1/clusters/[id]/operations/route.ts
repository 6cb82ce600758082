import { startOperationRoute } from '@/lib/api/routes/operations';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = startOperationRoute.handle;
