import 'server-only';
import { sql } from '@/lib/pg/sql';
import { sh } from '@/lib/ssh/shell';

/**
 * One round trip that reads everything discovery needs before PostgreSQL itself is asked:
 * OS, init system, installed versions (Debian's and PGDG's), clusters (pg_lsclusters, running
 * postmasters with the port their postmaster.pid names, and data directories in PGDG's
 * places, /var/lib/pgsql), the systemd units that run a PGDATA (PGDG's postgresql-V.service)
 * whether postgres may write beside each data directory (Tandem's passfile lives there) and
 * free disk under each data directory. Fixed text: no value from the
 * inventory is interpolated.
 */
export const DISCOVERY_SCRIPT = sh`
echo @@hostname; hostname 2>/dev/null || cat /etc/hostname
echo @@uname; uname -srm
echo @@os-release; cat /etc/os-release 2>/dev/null
echo @@systemd; if [ -d /run/systemd/system ]; then echo yes; else echo no; fi
echo @@versions; ls -1 /usr/lib/postgresql 2>/dev/null; ls -d /usr/pgsql-* 2>/dev/null | sed 's|^/usr/pgsql-||'
echo @@lsclusters; if command -v pg_lsclusters >/dev/null 2>&1; then echo present; pg_lsclusters --no-header 2>/dev/null; fi
echo @@postmasters; ps -eo pid=,args= 2>/dev/null | awk '$2 ~ /(postgres|postmaster)$/ && / -D /'
echo @@postmaster-ports
ps -eo args= 2>/dev/null | awk '$1 ~ /(postgres|postmaster)$/ {for (i = 1; i < NF; i++) if ($i == "-D") print $(i + 1)}' | sort -u |
  while read -r dir; do [ -f "$dir/postmaster.pid" ] && printf '%s %s\n' "$dir" "$(sed -n 4p "$dir/postmaster.pid")"; done
echo @@pgdata
for dir in /var/lib/pgsql/*/data /var/lib/pgsql/data; do
  [ -f "$dir/PG_VERSION" ] || continue
  port=$(sed -n 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$dir/postgresql.conf" "$dir/postgresql.auto.conf" 2>/dev/null | tail -n 1)
  v=$(cat "$dir/PG_VERSION")
  bin=/usr/pgsql-$v/bin; [ -x "$bin/postgres" ] || bin=/usr/lib/postgresql/$v/bin
  [ -n "$port" ] || port=5432
  printf '%s %s %s %s\n' "$dir" "$v" "$port" "$bin"
done
echo @@units
if [ -d /run/systemd/system ]; then
  systemctl list-unit-files --no-legend --type=service 'postgresql*' 2>/dev/null | awk '$1 !~ /@/ {print $1}' | while read -r unit; do
    printf '%s %s\n' "$unit" "$(systemctl show -p Environment --value -- "$unit" 2>/dev/null | tr ' ' '\n' | sed -n 's/^PGDATA=//p' | head -n 1)"
  done
fi
dirs=$({ pg_lsclusters --no-header 2>/dev/null | awk '{print $6}'; ps -eo args= 2>/dev/null | awk '{for (i = 1; i < NF; i++) if ($i == "-D") print $(i + 1)}'
  ls -d /var/lib/pgsql/*/data /var/lib/pgsql/data 2>/dev/null; } | sort -u)
echo @@parent-writable
printf '%s\n' "$dirs" | while read -r dir; do
  [ -n "$dir" ] || continue
  if runuser -u postgres -- test -w "$(dirname -- "$dir")" 2>/dev/null; then echo "$dir yes"; else echo "$dir no"; fi
done
echo @@disk
printf '%s\n' "$dirs" | while read -r dir; do
  [ -d "$dir" ] && printf '%s %s\n' "$dir" "$(df -P -B1 -- "$dir" | tail -n 1)"
done
true
`;

/** Live settings of the managed cluster, read as the postgres OS user over SSH. */
export const CLUSTER_SQL = sql`SELECT current_setting('server_version') AS server_version,
  current_setting('data_directory') AS data_directory,
  current_setting('config_file') AS config_file,
  current_setting('hba_file') AS hba_file,
  current_setting('data_checksums') AS data_checksums,
  current_setting('wal_log_hints') AS wal_log_hints,
  current_setting('wal_level') AS wal_level,
  current_setting('listen_addresses') AS listen_addresses,
  current_setting('ssl') AS ssl,
  pg_is_in_recovery()::text AS in_recovery,
  (SELECT sum(pg_database_size(oid)) FROM pg_database)::text AS database_bytes`;
