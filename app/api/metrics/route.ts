import { bearerMatches } from '@/lib/metrics/token';
import { readMetricsTokenHash } from '@/lib/metrics/token-store';
import { readMetricsSnapshot } from '@/lib/metrics/read-snapshot';
import { renderMetrics } from '@/lib/metrics/render';

export const dynamic = 'force-dynamic';

const unauthorized = () =>
  new Response('A valid bearer token is required (Settings → Prometheus metrics).\n', {
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="tandem-metrics"', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });

/**
 * Prometheus scrape endpoint. No session: scrapers present the bearer token an admin set on
 * Settings; without one set, every request is refused.
 */
export async function GET(request: Request): Promise<Response> {
  if (!bearerMatches(request.headers.get('authorization'), await readMetricsTokenHash())) return unauthorized();
  const { contentType, body } = await renderMetrics(await readMetricsSnapshot());
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}
