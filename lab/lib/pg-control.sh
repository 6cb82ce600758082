# The PostgreSQL of one lab host, in either of the two layouts a lab host can have. Runs
# inside the host: host-init.sh sources it, lab.sh sends it with each command (host_pg).
#   debian  Debian's packaging: /etc/postgresql/V/main, pg_ctlcluster, start.conf.
#   pgdata  how PGDG packages lay a server out on RHEL-family hosts: initdb in
#           /var/lib/pgsql/V/data with postgresql.conf and pg_hba.conf inside it, binaries in
#           /usr/pgsql-V/bin, started and stopped with pg_ctl as postgres; no cluster wrappers.

lab_pg_version() { ls /usr/lib/postgresql | sort -n | tail -n 1; }
lab_pg_layout() { if [ -e /usr/pgsql-"$(lab_pg_version)" ]; then echo pgdata; else echo debian; fi; }
lab_pg_bindir() { echo "/usr/pgsql-$(lab_pg_version)/bin"; }
lab_pg_datadir() {
  if [ "$(lab_pg_layout)" = pgdata ]; then echo "/var/lib/pgsql/$(lab_pg_version)/data"; else echo "/var/lib/postgresql/$(lab_pg_version)/main"; fi
}

# usage: lab_pg create|start|stop|status|kill|autostart
lab_pg() {
  local v data bin
  v="$(lab_pg_version)" data="$(lab_pg_datadir)"
  if [ "$(lab_pg_layout)" = debian ]; then
    case "$1" in
      create)
        [ -f "/etc/postgresql/$v/main/postgresql.conf" ] && return 0
        pg_createcluster "$v" main -- --data-checksums && pg_conftool "$v" main set listen_addresses '*' ;;
      start) pg_ctlcluster "$v" main start ;;
      stop) pg_ctlcluster "$v" main stop -m fast ;;
      status) pg_ctlcluster "$v" main status ;;
      kill) lab_pg_kill "$data" ;;
      # As Debian's boot does (the postgresql service): only clusters whose start.conf says auto.
      autostart) local f="/etc/postgresql/$v/main/start.conf"
        [ ! -f "$f" ] || [ "$(grep -Eo '^[[:space:]]*(auto|manual|disabled)' "$f" | tr -d '[:space:]' | head -n 1)" = auto ] ;;
      *) echo "lab_pg: unknown action $1" >&2; return 2 ;;
    esac
    return
  fi
  bin="$(lab_pg_bindir)"
  case "$1" in
    create)
      [ -f "$data/PG_VERSION" ] && return 0
      # As PGDG's package makes them: /var/lib/pgsql/V and its data directory are postgres's.
      install -d -m 0700 -o postgres -g postgres "$(dirname "$data")" "$data"
      runuser -u postgres -- "$bin/initdb" -D "$data" --data-checksums --auth-local=peer --auth-host=scram-sha-256 >/dev/null &&
        printf '%s\n' "listen_addresses = '*'" 'logging_collector = on' >>"$data/postgresql.conf" ;;
    start) runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$data/startup.log" -w start ;;
    stop) runuser -u postgres -- "$bin/pg_ctl" -D "$data" -w stop -m fast ;;
    status) runuser -u postgres -- "$bin/pg_ctl" -D "$data" status ;;
    kill) lab_pg_kill "$data" ;;
    # An enabled service starts the server at every boot; a fenced member comes up read-only (standby.signal).
    autostart) return 0 ;;
    *) echo "lab_pg: unknown action $1" >&2; return 2 ;;
  esac
}

# kill -9 of the postmaster, as a crash of PostgreSQL alone; waits until it is gone.
lab_pg_kill() {
  local p
  p="$(head -n 1 "$1/postmaster.pid")" && kill -KILL "$p" && while kill -0 "$p" 2>/dev/null; do sleep 0.05; done
}
