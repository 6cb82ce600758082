import { acknowledgeAlertRoute } from '@/lib/api/routes/alerts';

export const dynamic = 'force-dynamic';

export const POST = acknowledgeAlertRoute.handle;
