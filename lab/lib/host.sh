# Lab hosts: per-host state, network, boot, shutdown. Sourced by lab.sh.

# First-time state of a host: Debian's /etc/ssh with the host's own keys, empty
# PostgreSQL directories (the cluster is created at first boot, inside the host).
prepare_host_state() {
  local host="$1" d t
  d="$(host_dir "$host")"
  if [[ ! -f "$d/.prepared" ]]; then
    rm -rf "$d"
    install -d -m 0755 "$d" "$d/etc-ssh" "$d/etc-tandem" "$d/run"
    install -d -m 0755 -o postgres -g postgres "$d/etc-postgresql" "$d/var-lib-postgresql"
    install -d -m 1775 -o root -g postgres "$d/var-log-postgresql"
    install -d -m 0700 "$d/root" "$d/root/.ssh"
    install -d -m 1777 "$d/tmp"
    cp -a /etc/ssh/. "$d/etc-ssh/"
    rm -f "$d"/etc-ssh/ssh_host_*
    for t in rsa ecdsa ed25519; do
      ssh-keygen -q -t "$t" -N '' -C "root@$host" -f "$d/etc-ssh/ssh_host_${t}_key"
    done
    install -d -m 0700 "$d/host-keys.orig"
    cp -a "$d"/etc-ssh/ssh_host_* "$d/host-keys.orig/"
    install -d -m 0755 "$d/etc-ssh/sshd_config.d"
    printf '%s\n' '# Tandem lab: root logs in by key only; the test users log in with passwords.' \
      'PermitRootLogin prohibit-password' 'PasswordAuthentication yes' >"$d/etc-ssh/sshd_config.d/tandem-lab.conf"
    cp /usr/share/base-files/dot.bashrc "$d/root/.bashrc" 2>/dev/null || true
    cp /usr/share/base-files/dot.profile "$d/root/.profile" 2>/dev/null || true
    install -m 0600 "$LAB_KEY.pub" "$d/root/.ssh/authorized_keys"
    touch "$d/.prepared"
  fi
  # pgBackRest's directories, as Debian's package leaves them (also for a host prepared before they were added).
  [[ -d "$d/etc-pgbackrest" ]] || install -d -m 0755 "$d/etc-pgbackrest"
  for t in var-lib-pgbackrest var-log-pgbackrest var-spool-pgbackrest; do
    [[ -d "$d/$t" ]] || install -d -m 0750 -o postgres -g postgres "$d/$t"
  done
  printf '%s\n' "$host" >"$d/etc-hostname"
  [[ -f "$d/etc-hosts" ]] || touch "$d/etc-hosts"
}

# /etc/hosts of every host: localhost, the machine's side of the bridge as `lab-gateway` (where
# tests run services the hosts reach, such as an S3 server, under a name its certificate can
# carry), plus every lab host (written in place: it is bind-mounted).
write_etc_hosts() {
  local h content
  content="$(printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n%s\tlab-gateway\n' "$LAB_GATEWAY"
    for h in "$@"; do printf '%s\t%s\n' "$(host_address "$h")" "$h"; done)"
  for h in "$@"; do
    [[ "$(cat "$(host_dir "$h")/etc-hosts")" == "$content" ]] || printf '%s\n' "$content" >"$(host_dir "$h")/etc-hosts"
  done
}

ensure_bridge() {
  if ! ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then
    if ip -4 route show | grep -q "^$LAB_NET_PREFIX\.0/24"; then
      die "$LAB_NET_PREFIX.0/24 is already routed on this machine: $(ip -4 route show "$LAB_NET_PREFIX.0/24")"
    fi
    ip link add "$LAB_BRIDGE" address "$(lab_mac 00 1)" type bridge
  fi
  ip addr replace "$LAB_GATEWAY/24" dev "$LAB_BRIDGE"
  ip link set "$LAB_BRIDGE" up
}

# Network namespace, veth pair (tdm-pgN on the bridge, eth0 inside), address, no route out.
ensure_host_net() {
  local host="$1" veth
  veth="$(host_veth "$host")"
  if ! netns_exists "$host"; then
    [[ -e "/run/netns/$host" ]] && { ip netns delete "$host" 2>/dev/null || rm -f "/run/netns/$host"; }
    [[ -d /run/netns ]] || touch "$LAB_STATE/.created-run-netns"
    ip netns add "$host"
  fi
  if ! ip -n "$host" link show eth0 >/dev/null 2>&1; then
    ip link delete "$veth" 2>/dev/null || true
    wait_for 50 link_absent "$veth" || die "old $veth did not go away"
    ip link add "$veth" address "$(lab_mac 01 "$(host_octet "$host")")" type veth \
      peer name eth0 address "$(lab_mac 00 "$(host_octet "$host")")" netns "$host"
  fi
  ip link set "$veth" master "$LAB_BRIDGE" up
  ip -n "$host" addr replace "$(host_address "$host")/24" dev eth0
  ip -n "$host" link set lo up
  ip -n "$host" link set eth0 up
}

# Fixed MAC addresses: a host rebuilt or re-cabled keeps its MAC, so the ARP caches of the
# machine and the peers stay right (a new MAC left 10.88.0.N unreachable for ~30 s).
lab_mac() { printf '02:88:00:00:%s:%02x\n' "$1" "$2"; }
host_octet() { echo $(( 10 + $(host_index "$1") )); }

link_absent() { ! ip link show "$1" >/dev/null 2>&1; }

link_state() {
  local flags
  flags="$(ip -n "$1" -o link show eth0 2>/dev/null)" || { echo missing; return; }
  [[ "$flags" == *"<"*UP*">"* ]] && echo up || echo down
}

# The image a host boots from (recorded when it was set up), or nothing for the machine's own root.
host_image() {
  local file
  file="$(host_dir "$1")/image"
  [[ -f "$file" ]] && cat "$file"
  return 0
}

# The host's PostgreSQL major: its image's, or the machine's.
host_pg_version() {
  local image
  image="$(host_image "$1")"
  if [[ -n "$image" ]]; then cat "$(dirname "$(ensure_image "$image")")/pg-version"; else echo "$LAB_PG_VERSION"; fi
}

# The layout of the host's PostgreSQL (lib/pg-control.sh): its image's, or Debian's.
host_pg_layout() {
  local image
  image="$(host_image "$1")"
  if [[ -n "$image" ]]; then cat "$(dirname "$(ensure_image "$image")")/layout"; else echo debian; fi
}

# Boot the host: its init becomes PID 1 of fresh mount/UTS/IPC/PID namespaces inside the netns.
boot_host() {
  local host="$1" d image root=''
  d="$(host_dir "$host")"
  image="$(host_image "$host")"
  [[ -n "$image" ]] && root="$(ensure_image "$image")"
  kill_stray_inits "$host"
  printf -- '--- boot %s%s\n' "$(date -Is)" "${image:+ from image $image}" >>"$d/init.log"
  setsid nsenter --net="/run/netns/$host" -- \
    unshare --mount --uts --ipc --pid --fork --propagation private -- \
    env -i PATH="$LAB_HOST_PATH" HOME=/root LANG=C.UTF-8 \
    bash "$LAB_DIR/lib/host-init.sh" "$host" "$d" "$LAB_STATE" $root </dev/null >>"$d/init.log" 2>&1 9>&- &
  wait_for 50 host_pid1 "$host" >/dev/null || die "host $host did not boot; see $d/init.log"
}

# Inits of this host that are not in its current network namespace (e.g. the namespace was deleted).
kill_stray_inits() {
  local host="$1" live pid
  live="$(host_pid1 "$host" || true)"
  for pid in $(host_init_pids "$host"); do
    [[ "$pid" == "$live" ]] && continue
    log "$host: stopping a stray init (pid $pid) outside the host's namespace"
    stop_pid1 "$pid"
  done
}

# Clean shutdown of a host's PID 1: its TERM trap stops PostgreSQL (fast) and sshd.
stop_pid1() {
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || return 0
  if ! wait_for 300 pid_gone "$pid"; then
    log "pid $pid ignored SIGTERM for 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for 50 pid_gone "$pid" || die "pid $pid does not die"
  fi
}

pid_gone() { [[ ! -e "/proc/$1" ]]; }

# Kill every process left in the host's network namespace (the unshare parent, nsenter sessions).
kill_netns_pids() {
  local host="$1" pids
  netns_exists "$host" || return 0
  pids="$(ip netns pids "$host" 2>/dev/null || true)"
  [[ -z "$pids" ]] && return 0
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  wait_for 50 netns_empty "$host" || log "$host: processes still in the namespace: $(ip netns pids "$host" | tr '\n' ' ')"
}

netns_empty() { [[ -z "$(ip netns pids "$1" 2>/dev/null)" ]]; }

sshd_answers() {
  local banner
  banner="$(timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/22" && head -c 8 <&3' _ "$(host_address "$1")" 2>/dev/null)" || return 1
  [[ "$banner" == SSH-2.0* ]]
}

# Asked inside the host (socket, peer auth): probing :5432 from outside leaves FATAL lines in its log.
pg_answers() {
  host_exec "$1" sh -c 'ss -Hltn "sport = :5432" | grep -q . && runuser -u postgres -- pg_isready -q -t 2' 2>/dev/null
}
# lab_pg ACTION (lib/pg-control.sh) inside the host, whichever layout its PostgreSQL has.
host_pg() {
  host_exec "$1" bash -c "$(cat "$LAB_DIR/lib/pg-control.sh")"'
lab_pg "$1"' _ "$2"
}
# Whether the host's boot starts PostgreSQL (Debian: its start.conf says auto).
pg_autostart() { host_pg "$1" autostart 2>/dev/null; }
# Ready: sshd answers, and PostgreSQL too unless its start.conf keeps it from starting at boot.
host_ready() { sshd_answers "$1" && { ! pg_autostart "$1" || pg_answers "$1"; }; }

# A host whose init is alive: restart a dead sshd or a stopped PostgreSQL.
repair_host() {
  local host="$1" rc=0
  if ! host_exec "$host" sh -c 'kill -0 "$(cat /run/sshd.pid 2>/dev/null)" 2>/dev/null'; then
    log "$host: sshd is not running; starting it"
    host_exec "$host" /usr/sbin/sshd
  fi
  host_pg "$host" status >/dev/null 2>&1 || rc=$?
  if (( rc == 3 )) && pg_autostart "$host"; then
    log "$host: PostgreSQL is not running; starting it"
    host_pg "$host" start
  fi
}

start_host() {
  local host="$1"
  ensure_bridge
  ensure_host_net "$host"
  if host_pid1 "$host" >/dev/null; then
    repair_host "$host"
  else
    boot_host "$host"
  fi
  wait_for 600 host_ready "$host" || die "host $host is not answering on :22 and :5432 after 60 s; see $(host_dir "$host")/init.log"
  [[ -z "$(host_image "$host")" ]] || ensure_host_users "$host"
}

# stop (clean) or crash (partition, then kill PID 1: every process dies at once). The host's NIC
# stays down afterwards, as for a machine that is off; `start` brings it up again.
stop_host() {
  local host="$1" mode="${2:-clean}" pid
  pid="$(host_pid1 "$host" || true)"
  if [[ "$mode" == crash ]]; then
    set_link "$host" down
    if [[ -n "$pid" ]]; then
      kill -KILL "$pid"
      wait_for 50 pid_gone "$pid" || die "$host: PID 1 ($pid) did not die"
    fi
  elif [[ -n "$pid" ]]; then
    stop_pid1 "$pid"
  fi
  kill_stray_inits "$host"
  kill_netns_pids "$host"
  set_link "$host" down
}

set_link() { if netns_exists "$1"; then ip -n "$1" link set eth0 "$2" 2>/dev/null || true; fi; }
