import { openApiDocument } from '@/lib/api/openapi';
import { env } from '@/lib/config/env';

export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 document of /api/v1, open to anyone: it describes the API and holds no data. */
export async function GET(): Promise<Response> {
  return Response.json(openApiDocument(env().TANDEM_URL), { headers: { 'cache-control': 'no-store' } });
}
