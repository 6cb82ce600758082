#!/bin/bash
# Tandem's lab of real hosts: network namespaces on a private bridge, each with its own
# mounts, hostname, PID 1, sshd and Debian PostgreSQL 15 cluster. See lab/README.md.
set -euo pipefail

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$LAB_DIR/lib/common.sh"
# shellcheck source=lib/host.sh
source "$LAB_DIR/lib/host.sh"
# shellcheck source=lib/state.sh
source "$LAB_DIR/lib/state.sh"
# shellcheck source=lib/image.sh
source "$LAB_DIR/lib/image.sh"

usage() {
  cat <<'USAGE'
usage: lab.sh VERB [ARGS]   (as root; npm run lab -- VERB ARGS)
  up [N] [--fresh] [pgK=IMAGE,...]
                       start N hosts pg1..pgN (default 3); --fresh wipes their data first;
                       pgK=IMAGE boots pgK from a lab image (bookworm-pg15, trixie-pg17,
                       sid-pg18; built once, cached), the others from the machine's own root
  image build NAME     build (or find cached) a lab image and print its root
  down [--purge]       stop and remove everything; --purge also deletes the state dir
  status [--json]      state of every host
  stop HOST | start HOST          clean shutdown (NIC down afterwards) / boot
  crash HOST                      power cut: partition, then kill the host's PID 1
  pg-stop HOST | pg-start HOST | pg-kill HOST
  partition HOST | heal HOST      eth0 down / up inside the host
  rekey HOST [--restore]          new sshd host keys (or back to the original ones)
  ssh HOST CMD...                 run CMD as root over ssh (lab key, pinned host key)
  exec HOST CMD...                run CMD inside the host's namespaces (nsenter)
USAGE
}

cmd_up() {
  local n=3 fresh=0 arg h started=() t0 spec entry
  declare -A images=()
  for arg in "$@"; do
    case "$arg" in
      --fresh) fresh=1 ;;
      *=*) IFS=, read -r -a spec <<<"$arg"
         for entry in "${spec[@]}"; do
           host_index "${entry%%=*}" >/dev/null || die "up: '${entry%%=*}' is not a lab host name (pg1..pg$LAB_MAX_HOSTS)"
           require_image_name "${entry#*=}"
           images[${entry%%=*}]="${entry#*=}"
         done ;;
      *) [[ "$arg" =~ ^[1-9][0-9]?$ ]] && (( arg <= LAB_MAX_HOSTS )) || die "up: N must be 1..$LAB_MAX_HOSTS, got '$arg'"
         n="$arg" ;;
    esac
  done
  t0="$(now_ms)"
  local hosts=()
  for (( h = 1; h <= n; h++ )); do hosts+=("pg$h"); done
  (( fresh )) && cmd_down --purge
  ensure_packages
  ensure_lab_key
  ensure_users
  ensure_bridge
  for h in $(known_hosts_list); do
    (( $(host_index "$h") > n )) && { log "$h: not part of a $n-host lab; removing it"; remove_host "$h"; }
  done
  for h in "${hosts[@]}"; do
    # A host moved to another root starts from a new state: the old one's data is not its.
    if [[ "$(host_image "$h")" != "${images[$h]:-}" && -d "$(host_dir "$h")" ]]; then
      log "$h: now booting from ${images[$h]:-the machine root}; its previous state is removed"
      remove_host "$h"; rm -rf "$(host_dir "$h")"
    fi
    prepare_host_state "$h"
    if [[ -n "${images[$h]:-}" ]]; then
      ensure_image "${images[$h]}" >/dev/null
      printf '%s\n' "${images[$h]}" >"$(host_dir "$h")/image"
    fi
  done
  write_etc_hosts "${hosts[@]}"
  for h in "${hosts[@]}"; do
    ensure_host_net "$h"
    if host_pid1 "$h" >/dev/null; then repair_host "$h"; else boot_host "$h"; started+=("$h"); fi
  done
  for h in "${hosts[@]}"; do
    wait_for 600 host_ready "$h" || die "host $h is not answering on :22 and :5432 after 60 s; see $(host_dir "$h")/init.log"
    [[ -z "$(host_image "$h")" ]] || ensure_host_users "$h"
  done
  write_state "${hosts[@]}"
  log "up: ${#hosts[@]} hosts (${hosts[*]}), booted: ${started[*]:-none}, in $(elapsed "$t0")"
}

elapsed() { local ms=$(( $(now_ms) - $1 )); printf '%d.%03ds' $(( ms / 1000 )) $(( ms % 1000 )); }

# Stop a host and remove its network (namespace, veth); its data stays.
remove_host() {
  local host="$1" veth
  veth="$(host_veth "$host")"
  stop_host "$host" clean
  ip link delete "$veth" 2>/dev/null || true
  if [[ -e "/run/netns/$host" ]]; then ip netns delete "$host" 2>/dev/null || rm -f "/run/netns/$host"; fi
  wait_for 100 link_absent "$veth" || die "$veth is still present 10 s after deletion"
}

cmd_down() {
  local purge=0 h pids=() t0 failed=0
  case "${1:-}" in --purge) purge=1 ;; '') ;; *) die "down: unknown option '$1'" ;; esac
  t0="$(now_ms)"
  for h in $(known_hosts_list); do remove_host "$h" & pids+=("$!"); done
  for h in "${pids[@]}"; do wait "$h" || failed=1; done
  if ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then
    ip link delete "$LAB_BRIDGE"
    wait_for 100 link_absent "$LAB_BRIDGE" || die "$LAB_BRIDGE is still present 10 s after deletion"
  fi
  if [[ -f "$LAB_STATE/.created-run-netns" ]] && [[ -z "$(ls -A /run/netns 2>/dev/null)" ]]; then
    if mountpoint -q /run/netns; then umount /run/netns; fi
    rmdir /run/netns 2>/dev/null || true
    rm -f "$LAB_STATE/.created-run-netns"
  fi
  (( failed == 0 )) || die "down: some hosts did not stop cleanly (see above)"
  if (( purge )); then rm -rf "$LAB_STATE"; fi
  log "down in $(elapsed "$t0")$( (( purge )) && echo ', state purged')"
}

host_status_json() {
  local host="$1" ns=false pid='' link sshd=false pg=unknown rec=null
  netns_exists "$host" && ns=true
  pid="$(host_pid1 "$host" || true)"
  link="$(link_state "$host")"
  [[ "$link" == up ]] && sshd_answers "$host" && sshd=true
  if [[ -n "$pid" ]]; then
    if pg_answers "$host"; then
      pg=running
      rec="$(pg_local "$host" psql -d postgres -XtAc 'select pg_is_in_recovery()' 2>/dev/null || true)"
      case "$rec" in t) rec=true ;; f) rec=false ;; *) rec=null ;; esac
    else pg=stopped; fi
  fi
  jq -cn --arg name "$host" --arg address "$(host_address "$host")" --argjson ns "$ns" \
    --arg pid "$pid" --arg link "$link" --argjson sshd "$sshd" --arg pg "$pg" --argjson rec "$rec" \
    '{name: $name, address: $address, namespace: $ns, pid1: (if $pid == "" then null else ($pid | tonumber) end),
      running: ($pid != ""), link: $link, sshd: $sshd, postgres: $pg, inRecovery: $rec}'
}

cmd_status() {
  local json=0 h all
  case "${1:-}" in --json) json=1 ;; '') ;; *) die "status: unknown option '$1'" ;; esac
  all="$(for h in $(known_hosts_list); do host_status_json "$h"; done | jq -s .)"
  if (( json )); then printf '%s\n' "$all"; return; fi
  jq -r '(["HOST","ADDRESS","NETNS","PID1","LINK","SSHD","POSTGRES","RECOVERY"] | @tsv),
    (.[] | [.name, .address, (if .namespace then "yes" else "no" end), (.pid1 // "dead"), .link,
      (if .sshd then "answers" else "-" end), .postgres, (if .inRecovery == null then "-" else .inRecovery end)] | map(tostring) | @tsv)' \
    <<<"$all" | column -t -s $'\t'
}

cmd_rekey() {
  local host="$1" d t
  d="$(host_dir "$host")"
  if [[ "${2:-}" == --restore ]]; then
    cp -a "$d"/host-keys.orig/ssh_host_* "$d/etc-ssh/"
  else
    [[ -z "${2:-}" ]] || die "rekey: unknown option '$2'"
    rm -f "$d"/etc-ssh/ssh_host_*
    for t in rsa ecdsa ed25519; do ssh-keygen -q -t "$t" -N '' -C "root@$host" -f "$d/etc-ssh/ssh_host_${t}_key"; done
  fi
  if host_pid1 "$host" >/dev/null; then
    host_exec "$host" sh -c 'kill -HUP "$(cat /run/sshd.pid)"'
    sleep 0.2
    [[ "$(link_state "$host")" != up ]] || wait_for 100 sshd_answers "$host" || die "$host: sshd did not come back after rekey"
  fi
  write_state $(recorded_hosts)
  log "$host: host key now $(host_key_fingerprint "$host" etc-ssh)"
}

cmd_ssh() {
  local host="$1"; shift
  (( $# )) || die "ssh: missing CMD"
  [[ -f "$LAB_KNOWN_HOSTS" ]] || die "no known_hosts yet; run: lab.sh up"
  [[ "${TANDEM_LAB_SSH_TIMEOUT:-5}" =~ ^[1-9][0-9]*$ ]] || die "TANDEM_LAB_SSH_TIMEOUT must be whole seconds"
  exec ssh -F /dev/null -i "$LAB_KEY" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o UserKnownHostsFile="$LAB_KNOWN_HOSTS" -o GlobalKnownHostsFile=/dev/null \
    -o StrictHostKeyChecking=yes -o HostKeyAlgorithms=ssh-ed25519 \
    -o ConnectTimeout="${TANDEM_LAB_SSH_TIMEOUT:-5}" -o LogLevel=ERROR \
    -p 22 "root@$(host_address "$host")" "$@"
}

# One changing verb at a time (fd 9 stays open until exit; host inits do not inherit it),
# and none from outside a lab test run while one holds the lab (see vitest-global-setup.ts).
lock_lab() {
  install -d -m 0755 "$(dirname "$LAB_LOCK")"
  exec 9>>"$LAB_LOCK"
  flock -w 300 9 || die "another lab.sh has held $LAB_LOCK for 300 s"
  local owner pid
  owner="$(cat "$LAB_RUN_LOCK" 2>/dev/null || true)"
  [[ "$owner" =~ ^[0-9]+$ ]] && kill -0 "$owner" 2>/dev/null || return 0
  [[ "${TANDEM_LAB_FORCE:-}" == 1 ]] && return 0
  pid=$$
  while [[ "$pid" =~ ^[0-9]+$ ]] && (( pid > 1 )); do
    (( pid == owner )) && return 0
    pid="$(awk '/^PPid:/ {print $2}' "/proc/$pid/status" 2>/dev/null)"
  done
  die "a lab test run (pid $owner) is using the lab; wait for it, or set TANDEM_LAB_FORCE=1"
}

main() {
  local verb="${1:-}" host=''
  [[ -n "$verb" ]] || { usage >&2; exit 2; }
  shift
  case "$verb" in
    -h|--help|help) usage; exit 0 ;;
    up|down|status|image) require_root "$verb" ;;
    stop|start|crash|pg-stop|pg-start|pg-kill|partition|heal|rekey|ssh|exec)
      require_root "$verb"; require_host "${1:-}"; host="$1"; shift ;;
    *) usage >&2; die "unknown verb '$verb'" ;;
  esac
  case "$verb" in status|ssh|exec) ;; *) lock_lab ;; esac
  case "$verb" in
    up) cmd_up "$@" ;;
    image) [[ "${1:-}" == build && $# == 2 ]] || die "usage: lab.sh image build NAME"; ensure_image "$2" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    stop) (( $# == 0 )) || die "stop: too many arguments"; stop_host "$host" clean ;;
    crash) stop_host "$host" crash ;;
    start) start_host "$host" ;;
    pg-stop) host_pg "$host" stop ;;
    pg-start) host_pg "$host" start ;;
    pg-kill) host_pg "$host" kill ;;
    partition) ip -n "$host" link set eth0 down ;;
    heal) ip -n "$host" link set eth0 up ;;
    rekey) cmd_rekey "$host" "$@" ;;
    ssh) cmd_ssh "$host" "$@" ;;
    exec) (( $# )) || die "exec: missing CMD"; host_exec "$host" "$@" ;;
  esac
}

main "$@"
