/** A member's address and PostgreSQL port, as clients reach it, with Tandem's record of its role. */
export interface Endpoint {
  readonly address: string;
  readonly pgPort: number;
  readonly role: 'primary' | 'replica';
  readonly fenced: boolean;
}

function rank(endpoint: Endpoint): number {
  if (endpoint.fenced) return 2;
  return endpoint.role === 'primary' ? 0 : 1;
}

/**
 * The libpq multi-host URI listing every member with `target_session_attrs=read-write`:
 * libpq tries each host in turn and keeps the first that accepts writes, so clients find
 * the new primary after a promote without a routing change. The order matters: the
 * current primary comes first (new sessions reach it on the first try, and should two
 * members ever accept writes, clients land on the right one), then the replicas, and
 * fenced members last. IPv6 addresses are bracketed.
 */
export function libpqConnectionString(endpoints: readonly Endpoint[], database = 'postgres'): string {
  const ordered = endpoints.map((endpoint, index) => ({ endpoint, index })).sort((a, b) => rank(a.endpoint) - rank(b.endpoint) || a.index - b.index);
  const hosts = ordered.map(({ endpoint }) => `${endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address}:${endpoint.pgPort}`).join(',');
  return `postgresql://${hosts}/${encodeURIComponent(database)}?target_session_attrs=read-write`;
}
