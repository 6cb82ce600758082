#!/bin/bash
# PID 1 of one lab host. lab.sh starts it inside the host's network namespace with fresh
# mount, UTS, IPC and PID namespaces: usage: host-init.sh HOST HOST_DIR STATE_DIR [IMAGE_ROOT]
# It "boots" the host (private mounts, hostname, sshd, PostgreSQL), then waits.
# With IMAGE_ROOT, the host's root is that image under its own writable layer (overlayfs):
# this script mounts it, then runs itself again inside it (`--inner`) as the same PID 1.
# SIGTERM is a clean shutdown; SIGKILL from outside is a power cut.
set -euo pipefail

host="$1" dir="$2" state="$3" image="${4:-}"
# shellcheck source=pg-control.sh
source "$(dirname "$0")/pg-control.sh"

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
  # pgBackRest's configuration, repository, log and spool are each host's own too.
  install -d -m 0755 /etc/pgbackrest /var/lib/pgbackrest /var/log/pgbackrest /var/spool/pgbackrest
  # Hide the lab's state (other hosts' data, the lab private key) from inside the host.
  mount -t tmpfs -o mode=0700,size=64k tmpfs "$state"
  local pair
  for pair in etc-ssh:/etc/ssh etc-tandem:/etc/tandem etc-postgresql:/etc/postgresql var-lib-postgresql:/var/lib/postgresql \
      var-log-postgresql:/var/log/postgresql etc-pgbackrest:/etc/pgbackrest var-lib-pgbackrest:/var/lib/pgbackrest \
      var-log-pgbackrest:/var/log/pgbackrest var-spool-pgbackrest:/var/spool/pgbackrest root:/root tmp:/tmp run:/run \
      etc-hosts:/etc/hosts etc-hostname:/etc/hostname; do
    mount --bind "/mnt/${pair%%:*}" "${pair#*:}"
  done
  umount /mnt
  mount -t proc proc /proc
  mount -t sysfs sysfs /sys
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
  hostname "$host"
}

# The image as the host's root: read-only lower layer, writable layer in the host's state
# dir, the host's own files bound in as on a machine-rooted host; then this script again,
# chrooted, so PID 1 (and every nsenter into it) sees the image's /usr and /etc.
boot_image_root() {
  if mountpoint -q /run/netns; then umount -R /run/netns; fi
  local root="$dir/rootfs" pair
  install -d "$dir/upper" "$dir/work" "$root"
  mount -t overlay overlay -o "lowerdir=$image,upperdir=$dir/upper,workdir=$dir/work" "$root"
  install -d "$root/etc/tandem"
  for pair in etc-ssh:/etc/ssh etc-tandem:/etc/tandem root:/root etc-hosts:/etc/hosts etc-hostname:/etc/hostname; do
    mount --bind "$dir/${pair%%:*}" "$root${pair#*:}"
  done
  mount -t proc proc "$root/proc"
  mount -t sysfs sysfs "$root/sys"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
  mount -t tmpfs -o mode=0755 tmpfs "$root/run"
  hostname "$host"
  # Under lib/, so lab.sh finds this PID 1 by its command line as it finds the others.
  install -d "$root/.tandem-lab/lib"
  cp "$0" "$(dirname "$0")/pg-control.sh" "$root/.tandem-lab/lib/"
  exec chroot "$root" /bin/bash /.tandem-lab/lib/host-init.sh "$host" "$dir" "$state" --inner
}

boot_run_dir() {
  find /run -mindepth 1 -delete
  install -d -m 0755 /run/sshd /run/lock
  install -d -m 2775 -o postgres -g postgres /run/postgresql
}

start_postgres() {
  if ! lab_pg create; then say "creating the PostgreSQL cluster failed"; return 1; fi
  if ! lab_pg autostart; then
    say "start.conf is not auto: PostgreSQL not started at boot"
    return 0
  fi
  lab_pg start
}

shutdown() {
  say "shutting down"
  lab_pg stop || true
  [[ -f /run/sshd.pid ]] && kill "$(cat /run/sshd.pid)" 2>/dev/null || true
  say "halted"
  exit 0
}

trap shutdown TERM INT
if [[ -n "$image" && "$image" != --inner ]]; then
  say "booting from image $image"
  boot_image_root
fi
if [[ "$image" != --inner ]]; then
  say "booting"
  mount_host_dirs
fi
boot_run_dir
/usr/sbin/sshd
start_postgres || say "PostgreSQL did not start"
say "up"
while :; do
  sleep infinity &
  wait $! || true
done
