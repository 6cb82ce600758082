#!/bin/sh
# Starts a demo host: its own host keys (made on first start), the demo key authorized for
# root, PostgreSQL 15 through Debian's pg_ctlcluster, then sshd in the foreground.
# With "keygen" as argument it only makes the shared demo key pair in /demo-keys.
set -eu

if [ "${1:-}" = keygen ]; then
  [ -f /demo-keys/id_ed25519 ] || ssh-keygen -q -t ed25519 -N '' -C tandem-demo -f /demo-keys/id_ed25519
  exit 0
fi

ssh-keygen -A >/dev/null
install -m 600 /demo-keys/id_ed25519.pub /root/.ssh/authorized_keys
pg_ctlcluster 15 main start
for type in ed25519; do ssh-keygen -lf "/etc/ssh/ssh_host_${type}_key.pub"; done
exec /usr/sbin/sshd -D -e
