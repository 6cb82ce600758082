# Machine prerequisites, the lab key, test users, hosts.json and known_hosts. Sourced by lab.sh.

LAB_USERS=(tdmlab tdmlabpw)

ensure_packages() {
  local missing=() created_policy=0
  command -v sshd >/dev/null || [[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
  command -v sudo >/dev/null || missing+=(sudo)
  command -v jq >/dev/null || missing+=(jq)
  command -v pg_createcluster >/dev/null || missing+=(postgresql-15)
  command -v pgbackrest >/dev/null || missing+=(pgbackrest)
  (( ${#missing[@]} )) || return 0
  log "installing ${missing[*]}"
  # Keep package scripts from starting the machine's own services.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 0755 /usr/sbin/policy-rc.d
    created_policy=1
  fi
  local rc=0 before
  before="$(machine_service_pids)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } || rc=$?
  (( created_policy )) && rm -f /usr/sbin/policy-rc.d
  (( rc == 0 )) || die "apt-get install ${missing[*]} failed"
  stop_new_machine_services "$before"
}

# sshd and postmaster processes of the machine itself (root PID and network namespaces).
machine_service_pids() {
  local pid
  for pid in $(pgrep -x sshd || true) $(pgrep -x postgres || true); do
    [[ "$(readlink "/proc/$pid/ns/pid")" == "$(readlink /proc/self/ns/pid)" ]] || continue
    [[ "$(readlink "/proc/$pid/ns/net")" == "$(readlink /proc/self/ns/net)" ]] || continue
    [[ "$(awk '/^PPid:/ {print $2}' "/proc/$pid/status")" == 1 ]] && printf '%s\n' "$pid"
  done
  return 0
}

# The machine's own services must not run because of us: stop those a package install started.
stop_new_machine_services() {
  local pid
  for pid in $(machine_service_pids); do
    grep -qx -- "$pid" <<<"$1" && continue
    log "stopping the machine's own $(cat "/proc/$pid/comm") (pid $pid), started by the package install"
    kill -TERM "$pid" 2>/dev/null || true
  done
}

ensure_lab_key() {
  install -d -m 0700 "$LAB_STATE"
  [[ -f "$LAB_KEY" && -f "$LAB_KEY.pub" ]] && return 0
  rm -f "$LAB_KEY" "$LAB_KEY.pub"
  ssh-keygen -q -t ed25519 -N '' -C tandem-lab -f "$LAB_KEY"
}

random_password() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20; }

# tdmlab: password, sudo without password. tdmlabpw: password, sudo asks for it.
# /etc/passwd, /etc/shadow and /etc/sudoers are shared by the machine and all lab hosts.
ensure_users() {
  local user pwfile sudoers
  install -d -m 0755 /etc/sudoers.d
  for user in "${LAB_USERS[@]}"; do
    pwfile="$LAB_STATE/password.$user"
    id "$user" >/dev/null 2>&1 || useradd -m -s /bin/bash -c 'Tandem lab test user' "$user"
    if [[ ! -s "$pwfile" ]]; then
      (umask 077 && random_password >"$pwfile")
      printf '%s:%s\n' "$user" "$(cat "$pwfile")" | chpasswd
    fi
    sudoers="/etc/sudoers.d/$user"
    if [[ "$user" == tdmlab ]]; then
      printf '%s ALL=(ALL) NOPASSWD: ALL\n' "$user" >"$sudoers.tmp"
    else
      printf '%s ALL=(ALL:ALL) ALL\n' "$user" >"$sudoers.tmp"
    fi
    chmod 0440 "$sudoers.tmp"
    if cmp -s "$sudoers.tmp" "$sudoers"; then rm -f "$sudoers.tmp"
    else visudo -cqf "$sudoers.tmp" && mv "$sudoers.tmp" "$sudoers"; fi
  done
}

# The same users inside a host booted from an image, whose /etc is its own; their passwords
# are the lab's (given on stdin, never on a command line). Safe to repeat at every boot.
ensure_host_users() {
  local host="$1" user
  for user in "${LAB_USERS[@]}"; do
    host_exec "$host" sh -c 'id "$1" >/dev/null 2>&1 || useradd -m -s /bin/bash -c "Tandem lab test user" "$1"
      printf "%s:%s\n" "$1" "$(cat)" | chpasswd
      if [ "$1" = tdmlab ]; then line="$1 ALL=(ALL) NOPASSWD: ALL"; else line="$1 ALL=(ALL:ALL) ALL"; fi
      printf "%s\n" "$line" >"/etc/sudoers.d/$1" && chmod 0440 "/etc/sudoers.d/$1"' _ "$user" <"$LAB_STATE/password.$user"
  done
}

host_key_fingerprint() { ssh-keygen -lf "$(host_dir "$1")/$2/ssh_host_ed25519_key.pub" | awk '{print $2}'; }

host_json() {
  local host="$1"
  jq -n --arg name "$host" --arg address "$(host_address "$host")" \
    --arg fp "$(host_key_fingerprint "$host" host-keys.orig)" \
    --arg cur "$(host_key_fingerprint "$host" etc-ssh)" \
    --arg pub "$(awk '{print $1" "$2}' "$(host_dir "$host")/etc-ssh/ssh_host_ed25519_key.pub")" \
    --arg image "$(host_image "$host")" --argjson major "$(host_pg_version "$host")" --arg layout "$(host_pg_layout "$host")" \
    '{name: $name, address: $address, sshPort: 22, pgPort: 5432, hostKeyType: "ssh-ed25519",
      hostKeyFingerprint: $fp, currentHostKeyFingerprint: $cur, currentHostKey: $pub,
      image: (if $image == "" then null else $image end), pgMajor: $major, pgLayout: $layout}'
}

users_json() {
  local user
  for user in "${LAB_USERS[@]}"; do
    jq -n --arg name "$user" --arg password "$(cat "$LAB_STATE/password.$user")" \
      --arg sudo "$([[ "$user" == tdmlab ]] && echo nopasswd || echo password)" \
      '{name: $name, password: $password, sudo: $sudo}'
  done | jq -s .
}

# hosts.json (the machine-readable lab description) and known_hosts (current ed25519 host keys).
write_state() {
  local host hosts_json tmp
  hosts_json="$(for host in "$@"; do host_json "$host"; done | jq -s .)"
  tmp="$LAB_HOSTS_JSON.tmp"
  jq -n --argjson hosts "$hosts_json" --argjson users "$(users_json)" \
    --arg key "$(realpath "$LAB_KEY")" --arg kh "$(realpath -m "$LAB_KNOWN_HOSTS")" \
    --arg bridge "$LAB_BRIDGE" --arg gw "$LAB_GATEWAY" --arg subnet "$LAB_NET_PREFIX.0/24" \
    '{version: 1, subnet: $subnet, bridge: $bridge, gateway: $gw, privateKeyPath: $key,
      publicKeyPath: ($key + ".pub"), knownHostsPath: $kh, users: $users, hosts: $hosts}' >"$tmp"
  if cmp -s "$tmp" "$LAB_HOSTS_JSON"; then rm -f "$tmp"; else mv "$tmp" "$LAB_HOSTS_JSON"; fi
  for host in "$@"; do
    printf '%s %s\n' "$(host_address "$host")" \
      "$(awk '{print $1" "$2}' "$(host_dir "$host")/etc-ssh/ssh_host_ed25519_key.pub")"
  done >"$LAB_KNOWN_HOSTS.tmp"
  if cmp -s "$LAB_KNOWN_HOSTS.tmp" "$LAB_KNOWN_HOSTS"; then rm -f "$LAB_KNOWN_HOSTS.tmp"
  else mv "$LAB_KNOWN_HOSTS.tmp" "$LAB_KNOWN_HOSTS"; fi
}

recorded_hosts() { [[ -f "$LAB_HOSTS_JSON" ]] && jq -r '.hosts[].name' "$LAB_HOSTS_JSON"; }
