#!/bin/bash
# PID 1 of one lab host. lab.sh starts it inside the host's network namespace with fresh
# mount, UTS, IPC and PID namespaces: usage: host-init.sh HOST HOST_DIR STATE_DIR
# It "boots" the host (private mounts, hostname, sshd, PostgreSQL), then waits.
# SIGTERM is a clean shutdown; SIGKILL from outside is a power cut.
set -euo pipefail

host="$1" dir="$2" state="$3"
pg_version=15 pg_cluster=main

say() { printf '%s %s: %s\n' "$(date +%T.%3N)" "$host" "$*"; }

mount_host_dirs() {
  # `ip netns add` made /run/netns a shared mount holding every lab network namespace;
  # our copy would keep the other hosts' namespaces alive after `ip netns delete`.
  if mountpoint -q /run/netns; then umount -R /run/netns; fi
  # The host's directories are reached through /mnt, because the lab's state (under the
  # repository) may itself lie below /tmp or /root, which the loop replaces.
  mount --bind "$dir" /mnt
  # Tandem's per-member files (TLS keys and certificates) live in /etc/tandem: each host
  # has its own, like /etc/postgresql. The machine keeps only the empty mount point.
  install -d -m 0755 /etc/tandem
  # Hide the lab's state (other hosts' data, the lab private key) from inside the host.
  mount -t tmpfs -o mode=0700,size=64k tmpfs "$state"
  local pair
  for pair in etc-ssh:/etc/ssh etc-tandem:/etc/tandem etc-postgresql:/etc/postgresql var-lib-postgresql:/var/lib/postgresql \
      var-log-postgresql:/var/log/postgresql root:/root tmp:/tmp run:/run \
      etc-hosts:/etc/hosts etc-hostname:/etc/hostname; do
    mount --bind "/mnt/${pair%%:*}" "${pair#*:}"
  done
  umount /mnt
  mount -t proc proc /proc
  mount -t sysfs sysfs /sys
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
  hostname "$host"
}

boot_run_dir() {
  find /run -mindepth 1 -delete
  install -d -m 0755 /run/sshd /run/lock
  install -d -m 2775 -o postgres -g postgres /run/postgresql
}

start_postgres() {
  if [[ ! -f "/etc/postgresql/$pg_version/$pg_cluster/postgresql.conf" ]]; then
    say "creating cluster $pg_version/$pg_cluster"
    pg_createcluster "$pg_version" "$pg_cluster" -- --data-checksums
    pg_conftool "$pg_version" "$pg_cluster" set listen_addresses '*'
  fi
  # As Debian's boot does (the postgresql service): only clusters whose start.conf says auto.
  local start_conf="/etc/postgresql/$pg_version/$pg_cluster/start.conf"
  if [[ -f "$start_conf" ]] && [[ "$(grep -Eo '^[[:space:]]*(auto|manual|disabled)' "$start_conf" | tr -d '[:space:]' | head -n1)" != auto ]]; then
    say "start.conf is not auto: PostgreSQL not started at boot"
    return 0
  fi
  pg_ctlcluster "$pg_version" "$pg_cluster" start
}

shutdown() {
  say "shutting down"
  pg_ctlcluster "$pg_version" "$pg_cluster" stop -m fast || true
  [[ -f /run/sshd.pid ]] && kill "$(cat /run/sshd.pid)" 2>/dev/null || true
  say "halted"
  exit 0
}

trap shutdown TERM INT
say "booting"
mount_host_dirs
boot_run_dir
/usr/sbin/sshd
start_postgres || say "PostgreSQL did not start"
say "up"
while :; do
  sleep infinity &
  wait $! || true
done
