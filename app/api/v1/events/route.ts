import { eventsRoute } from '@/lib/api/routes/events';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = eventsRoute.handle;
