/** A member's address and PostgreSQL port, as clients reach it. */
export interface Endpoint {
  readonly address: string;
  readonly pgPort: number;
}

/**
 * The libpq multi-host URI listing every member with `target_session_attrs=read-write`:
 * libpq tries each host in turn and keeps the one that accepts writes, so clients find
 * the new primary after a promote without a routing change. IPv6 addresses are bracketed.
 */
export function libpqConnectionString(endpoints: readonly Endpoint[], database = 'postgres'): string {
  const hosts = endpoints.map((endpoint) => `${endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address}:${endpoint.pgPort}`).join(',');
  return `postgresql://${hosts}/${encodeURIComponent(database)}?target_session_attrs=read-write`;
}
