import type { ServiceControl } from '@/lib/discovery/facts';
import { sh, type ShellCommand } from '@/lib/ssh/shell';

/** The directory systemd creates when it runs as PID 1 (what `sd_booted()` tests). */
export const SYSTEMD_RUNTIME_DIR = '/run/systemd/system';

/**
 * Where the fence records each unit it masked and the unit's state before (`unit state`
 * lines): beside the data directory, on the host's persistent disk, so it survives a
 * reboot; not inside it, because pg_rewind replaces what the data directory holds with
 * the primary's files, a rebuild moves it aside and pg_basebackup would copy it to a
 * new replica that was never fenced.
 */
export function unitStatePath(dataDirectory: string): string {
  return `${dataDirectory}.tandem-fence-units`;
}

/**
 * The systemd units that may start this cluster, and which of them the fence masks: the
 * unit Tandem controls it by, always; Debian's postgresql@V-C (pg_ctlcluster) or RHEL's
 * postgresql-V and postgresql (pg_ctl, only the one whose PGDATA is this data directory)
 * when enabled, since only then do they start it at boot.
 */
function unitCandidates(control: ServiceControl, major: number): { readonly units: readonly string[]; readonly gate: ShellCommand } {
  const enabled = sh`
      case "$now" in enabled|enabled-runtime) ;; *) echo "$unit is $now: it does not start at boot, left as it is"; continue ;; esac`;
  switch (control.kind) {
    case 'systemd':
      return { units: [control.unit], gate: sh`` };
    case 'pg_ctlcluster':
      return { units: [`postgresql@${control.version}-${control.name}.service`], gate: enabled };
    case 'pg_ctl':
      return {
        units: [`postgresql-${major}.service`, 'postgresql.service'],
        gate: sh`${enabled}
      env=$(systemctl show --property=Environment --value -- "$unit" 2>/dev/null || true)
      case " $env " in *" PGDATA="${control.dataDirectory}" "*|*" PGDATA="${`${control.dataDirectory}/`}" "*) ;; *) echo "$unit runs another data directory, left as it is"; continue ;; esac`,
      };
  }
}

/**
 * Masks the systemd units that could start a fenced member (see {@link unitCandidates}),
 * so neither a boot nor a person's `systemctl start` brings it back until rejoin unmasks
 * them; an enabled one is disabled first. Each unit's state before the first fence is
 * recorded in {@link unitStatePath}, once: a second fence finds its own line and changes
 * nothing. A unit already masked, missing, or not starting this cluster at boot is left
 * as it is, and so is a host where systemd does not run (each with a line saying so). A
 * unit whose file is in /etc cannot be masked: it is left disabled, which keeps a boot
 * from starting it, while standby.signal keeps a start by hand read-only. POSIX sh, as root.
 */
export function maskUnitsCommand(control: ServiceControl, major: number, dataDirectory: string): ShellCommand {
  const { units, gate } = unitCandidates(control, major);
  const file = unitStatePath(dataDirectory);
  return sh`set -e
if ! command -v systemctl >/dev/null 2>&1 || [ ! -d ${SYSTEMD_RUNTIME_DIR} ]; then
  echo 'systemd does not run on this host: no unit to mask'
else
  for unit in ${units}; do
    now=$(systemctl is-enabled -- "$unit" 2>/dev/null || true)
    was=$(awk -v u="$unit" '$1 == u { print $2 }' ${file} 2>/dev/null || true)
    if [ -z "$was" ]; then
      case "$now" in
        ''|not-found) echo "$unit: no such unit"; continue ;;
        masked) echo "$unit is masked already, left as it is"; continue ;;
      esac${gate}
      printf '%s %s\n' "$unit" "$now" >> ${file}
      was=$now
      if [ "$now" = enabled ]; then systemctl disable --quiet -- "$unit"; fi
    fi
    if [ "$now" != masked ] && ! systemctl mask --quiet -- "$unit" 2>/dev/null; then
      echo "$unit: its unit file is in /etc and cannot be masked; it is disabled, so no boot starts it, and standby.signal keeps a start by hand read-only"
      continue
    fi
    echo "$unit: unit masked by Tandem's fence (it was $was); rejoin unmasks it"
  done
fi`;
}

/**
 * Undoes {@link maskUnitsCommand} exactly: each recorded unit unmasked, enabled again only
 * when it was enabled (runtime-masked again when it was), then the record removed, so a
 * second run finds nothing to do. POSIX sh, as root.
 */
export function restoreUnitsCommand(dataDirectory: string): ShellCommand {
  const file = unitStatePath(dataDirectory);
  return sh`if [ ! -f ${file} ]; then
  echo "no unit was masked by Tandem's fence"
else
  set -e
  while read -r unit was; do
    systemctl unmask --quiet -- "$unit"
    case "$was" in
      enabled) systemctl enable --quiet -- "$unit" ;;
      masked-runtime) systemctl mask --runtime --quiet -- "$unit" ;;
    esac
    echo "$unit unmasked: $was again, as before the fence"
  done < ${file}
  rm -f -- ${file}
fi`;
}
