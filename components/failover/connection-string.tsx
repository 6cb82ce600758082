import { CopyButton } from '@/components/operations/copy-button';
import { libpqConnectionString, type Endpoint } from '@/lib/failover/connection-string';

/** The libpq connection string for clients: every member, read-write sessions only, so clients follow a promote by themselves. */
export function ConnectionString({ members, database = 'postgres' }: { members: readonly Endpoint[]; database?: string }) {
  const text = libpqConnectionString(members, database);
  return (
    <div className="space-y-1.5" data-testid="connection-string">
      <div className="flex items-center gap-2">
        <code className="min-w-0 flex-1 overflow-x-auto rounded-md border border-line bg-canvas px-3 py-2 font-mono text-xs">{text}</code>
        <CopyButton text={text} />
      </div>
      <p className="text-xs text-muted">
        libpq (psql, and drivers built on it) tries each host in turn and keeps the first that accepts writes, so after a promote clients reconnect to the new primary
        without a DNS or proxy change. The order matters: the current primary comes first and fenced members last, so should two members ever accept writes, new
        sessions still land on the primary (Tandem stops a fenced member that does). Copy it again after a failover. Add your user and database; never put a password in the string.
      </p>
    </div>
  );
}
