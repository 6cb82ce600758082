#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only when missing: Chromium for the
# end-to-end tests, PostgreSQL 15 for the server-database pass and the lab, sshd and sudo
# for the lab hosts, iproute2/util-linux for the lab's namespaces, prometheus for promtool
# (the metrics endpoint's output is checked with `promtool check metrics`).
set -euo pipefail

needed=()
command -v chromium >/dev/null || needed+=(chromium)
[ -x /usr/lib/postgresql/15/bin/postgres ] || needed+=(postgresql-15 postgresql-client-15)
[ -x /usr/sbin/sshd ] || needed+=(openssh-server)
command -v sudo >/dev/null || needed+=(sudo)
command -v ip >/dev/null || needed+=(iproute2)
command -v nsenter >/dev/null || needed+=(util-linux)
command -v ssh-keygen >/dev/null || needed+=(openssh-client)
command -v promtool >/dev/null || needed+=(prometheus)
command -v pgbackrest >/dev/null || needed+=(pgbackrest)

if [ ${#needed[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${needed[*]}. Run as root, or: apt-get install -y ${needed[*]}" >&2
    exit 1
  fi
  echo "Installing ${needed[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
  # The packages start the machine's own services; Tandem's tests start their own.
  systemctl disable --now ssh postgresql prometheus >/dev/null 2>&1 || true
  service ssh stop >/dev/null 2>&1 || true
  service postgresql stop >/dev/null 2>&1 || true
  service prometheus stop >/dev/null 2>&1 || true
fi
