# Shared settings and small helpers for lab.sh. Sourced, not run.

LAB_BRIDGE=tdm-br0
LAB_NET_PREFIX=10.88.0
LAB_GATEWAY="${LAB_NET_PREFIX}.1"
LAB_MAX_HOSTS=20
LAB_PG_VERSION=15
LAB_HOST_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LAB_STATE="${TANDEM_LAB_STATE:-$LAB_DIR/.state}"
LAB_KEY="$LAB_STATE/id_ed25519"
LAB_KNOWN_HOSTS="$LAB_STATE/known_hosts"
LAB_HOSTS_JSON="$LAB_STATE/hosts.json"
# The lab's names (pgN namespaces, tdm-br0) are machine-wide, so are its locks.
LAB_LOCK=/run/lock/tandem-lab.lock
LAB_RUN_LOCK=/run/lock/tandem-lab.vitest.lock

log() { printf 'lab: %s\n' "$*" >&2; }
die() { printf 'lab: error: %s\n' "$*" >&2; exit 1; }

require_root() {
  [[ "$(id -u)" -eq 0 ]] || die "must run as root (the lab creates network namespaces, mounts and users); try: sudo bash lab/lab.sh ${1:-up}"
}

now_ms() { date +%s%3N; }

# host_index pg3 -> 3; fails for anything that is not pgN with 1 <= N <= LAB_MAX_HOSTS.
host_index() {
  [[ "$1" =~ ^pg([1-9][0-9]?)$ ]] && (( BASH_REMATCH[1] <= LAB_MAX_HOSTS )) || return 1
  printf '%s\n' "${BASH_REMATCH[1]}"
}

host_address() { printf '%s.%s\n' "$LAB_NET_PREFIX" "$(( 10 + $(host_index "$1") ))"; }
host_veth() { printf 'tdm-%s\n' "$1"; }
host_dir() { printf '%s/%s\n' "$LAB_STATE" "$1"; }

# Hosts the lab knows about: recorded in hosts.json, or with a namespace, or with a state dir.
known_hosts_list() {
  {
    [[ -f "$LAB_HOSTS_JSON" ]] && jq -r '.hosts[].name' "$LAB_HOSTS_JSON" 2>/dev/null
    ip netns list 2>/dev/null | awk '{print $1}'
    [[ -d "$LAB_STATE" ]] && find "$LAB_STATE" -mindepth 1 -maxdepth 1 -type d -printf '%f\n'
  } | grep -E '^pg[1-9][0-9]?$' | sort -u -V || true
}

# The host must be one the lab has set up (state dir present).
require_host() {
  local host="${1:-}"
  [[ -n "$host" ]] || die "missing HOST (one of: $(known_hosts_list | paste -sd " "))"
  host_index "$host" >/dev/null || die "unknown host '$host' (lab hosts are named pg1..pg$LAB_MAX_HOSTS)"
  [[ -d "$(host_dir "$host")" ]] || die "unknown host '$host': not set up (known: $(known_hosts_list | paste -sd " ")); run: lab.sh up"
}

netns_exists() { [[ -e "/run/netns/$1" ]] && netns_inode "$1" >/dev/null; }
netns_inode() {
  [[ "$(stat -f -c %T "/run/netns/$1" 2>/dev/null)" == nsfs ]] && stat -L -c 'net:[%i]' "/run/netns/$1"
}

# Outer PIDs of every copy of this host's init (PID 1 of its own PID namespace), found by
# command line so that an init whose network namespace was deleted is still found.
host_init_pids() {
  local host="$1" pid nspid
  for pid in $(pgrep -f -- "lib/host-init\.sh $host " || true); do
    nspid="$(awk '/^NSpid:/ && NF > 2 {print $NF}' "/proc/$pid/status" 2>/dev/null)" || continue
    [[ "$nspid" == 1 ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- " $host $(host_dir "$host") " \
      && printf '%s\n' "$pid"
  done
  return 0
}

# The live init of a host, if it runs in the host's current network namespace.
host_pid1() {
  local host="$1" pid
  netns_exists "$host" || return 1
  for pid in $(host_init_pids "$host"); do
    if [[ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" == "$(netns_inode "$host")" ]]; then
      printf '%s\n' "$pid"; return 0
    fi
  done
  return 1
}

# Run a command inside the host (all its namespaces), with a clean environment.
host_exec() {
  local host="$1" pid; shift
  pid="$(host_pid1 "$host")" || die "host $host is not running (start it with: lab.sh start $host)"
  nsenter -t "$pid" -m -u -i -n -p -r -w -- \
    env -i PATH="$LAB_HOST_PATH" HOME=/root LANG=C.UTF-8 USER=root LOGNAME=root TERM="${TERM:-dumb}" "$@" 9>&-
}

pg_local() { host_exec "$1" runuser -u postgres -- "${@:2}"; }

# Wait until a condition command succeeds, up to N tenths of a second.
wait_for() {
  local tenths="$1"; shift
  while ! "$@" 2>/dev/null; do
    (( tenths-- > 0 )) || return 1
    sleep 0.1
  done
}
