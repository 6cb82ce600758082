# Lab images: a Debian root filesystem per suite and PostgreSQL major, built once with
# debootstrap from the machine's own Debian mirror and cached outside the repository. A host
# booted from an image runs the image's /usr and /etc read-only under its own writable layer
# (overlayfs), so its binaries and packages are its own. Sourced by lab.sh.

LAB_IMAGE_CACHE="${TANDEM_LAB_IMAGE_CACHE:-/var/cache/tandem-lab/images}"
LAB_IMAGES=(bookworm-pg15 trixie-pg17 sid-pg18 trixie-pg17-pgdata)
# What every image holds besides PostgreSQL: what the lab and Tandem's plans run on a host.
LAB_IMAGE_PACKAGES=(openssh-server sudo openssl procps iproute2 util-linux less ca-certificates pgbackrest)

# Suite, PostgreSQL major and layout of an image name (bookworm-pg15 -> "bookworm 15 debian").
# The layouts are lib/pg-control.sh's: debian (pg_ctlcluster) or pgdata (PGDG's, pg_ctl).
image_recipe() {
  case "$1" in
    bookworm-pg15) echo "bookworm 15 debian" ;;
    trixie-pg17) echo "trixie 17 debian" ;;
    sid-pg18) echo "sid 18 debian" ;;
    trixie-pg17-pgdata) echo "trixie 17 pgdata" ;;
    *) return 1 ;;
  esac
}

# Debian's cluster tools, which a PGDG-style host does not have (its server has no wrapper).
PGDATA_REMOVED_TOOLS=(pg_lsclusters pg_ctlcluster pg_createcluster pg_dropcluster pg_upgradecluster
  pg_renamecluster pg_conftool pg_backupcluster pg_restorecluster pg_virtualenv)

# The PGDATA-only layout on a Debian root: PGDG's paths (the server in /usr/pgsql-V, postgres's
# home and data under /var/lib/pgsql) and no cluster wrappers. The client tools stay on PATH, as
# PGDG's alternatives put them; Debian's wrapper behind them finds the server through a link.
make_pgdata_layout() {
  local root="$1" major="$2" tool
  mv "$root/usr/lib/postgresql/$major" "$root/usr/pgsql-$major"
  ln -s "/usr/pgsql-$major" "$root/usr/lib/postgresql/$major"
  for tool in "${PGDATA_REMOVED_TOOLS[@]}"; do rm -f "$root/usr/bin/$tool"; done
  rm -rf "$root/etc/postgresql" "$root/etc/postgresql-common/createcluster.conf"
  install -d -m 0700 "$root/var/lib/pgsql"
  chroot "$root" sh -c 'chown postgres:postgres /var/lib/pgsql && usermod -d /var/lib/pgsql postgres'
}

require_image_name() {
  image_recipe "$1" >/dev/null || die "unknown image '$1' (known: ${LAB_IMAGES[*]})"
}

# The Debian mirror the machine's apt sources name (the archive the images come from).
image_mirror() {
  local mirror
  mirror="$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -n1 | tr -d ' ')"
  printf '%s\n' "${mirror:-http://deb.debian.org/debian}"
}

# The cache directory of an image: its name and a digest of this recipe, so a changed recipe builds anew.
image_dir() {
  local digest
  digest="$(cat "${BASH_SOURCE[0]}" | sha256sum | cut -c1-12)"
  printf '%s/%s-%s\n' "$LAB_IMAGE_CACHE" "$1" "$digest"
}

# Builds the image unless the cache holds it complete; prints its root directory.
ensure_image() {
  local name="$1" dir suite major layout tmp t0 mirror
  require_image_name "$name"
  dir="$(image_dir "$name")"
  if [[ -f "$dir/.complete" ]]; then printf '%s/root\n' "$dir"; return 0; fi
  command -v debootstrap >/dev/null || {
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null || die "apt-get install debootstrap failed"
  }
  read -r suite major layout <<<"$(image_recipe "$name")"
  mirror="$(image_mirror)"
  t0="$(now_ms)"
  # Builds from earlier recipes are of no more use; each holds a whole root filesystem.
  find "$LAB_IMAGE_CACHE" -mindepth 1 -maxdepth 1 -name "$name-????????????" ! -path "$dir" -exec rm -rf {} + 2>/dev/null || true
  rm -rf "$dir" && install -d -m 0755 "$dir"
  tmp="$dir/root.partial"
  log "image $name: debootstrap $suite from $mirror"
  debootstrap --variant=minbase "$suite" "$tmp" "$mirror" >"$dir/build.log" 2>&1 \
    || { tail -n 20 "$dir/build.log" >&2; die "image $name: debootstrap failed (log: $dir/build.log)"; }
  printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d" && chmod 0755 "$tmp/usr/sbin/policy-rc.d"
  # The lab creates each host's cluster at its first boot, as the machine's hosts do.
  install -d "$tmp/etc/postgresql-common"
  printf 'create_main_cluster = false\n' >"$tmp/etc/postgresql-common/createcluster.conf"
  # sid's Release file is signed with a validity window this machine's clock can be past.
  local apt_options=''
  [[ "$suite" == sid ]] && apt_options='-o Acquire::Check-Valid-Until=false'
  printf '%s\n' 'set -e' "apt-get $apt_options update -qq" \
    "apt-get $apt_options install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold postgresql-$major ${LAB_IMAGE_PACKAGES[*]} >/dev/null" \
    'apt-get clean' >"$tmp/tmp/lab-install.sh"
  cp /etc/resolv.conf "$tmp/etc/resolv.conf"
  unshare --mount --fork -- sh -c 'mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" && mount --make-rslave "$1/dev" &&
      chroot "$1" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 sh /tmp/lab-install.sh' _ "$tmp" >>"$dir/build.log" 2>&1 \
    || { tail -n 20 "$dir/build.log" >&2; die "image $name: installing PostgreSQL $major failed (log: $dir/build.log)"; }
  rm -f "$tmp/tmp/lab-install.sh"
  [[ -x "$tmp/usr/lib/postgresql/$major/bin/postgres" ]] || die "image $name: no PostgreSQL $major server after the install"
  [[ "$layout" == pgdata ]] && make_pgdata_layout "$tmp" "$major"
  rm -f "$tmp/usr/sbin/policy-rc.d" "$tmp/etc/ssh/ssh_host_"*
  mv "$tmp" "$dir/root"
  printf '%s\n' "$major" >"$dir/pg-version"
  printf '%s\n' "$layout" >"$dir/layout"
  printf 'built in %s, %s\n' "$(elapsed "$t0")" "$(du -sh "$dir/root" | cut -f1)" >"$dir/.complete"
  log "image $name: $(cat "$dir/.complete")"
  printf '%s/root\n' "$dir"
}
