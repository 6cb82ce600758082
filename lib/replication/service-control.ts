import type { ServiceControl } from '@/lib/discovery/facts';
import type { RunAs } from '@/lib/ssh/run-as';
import { sh, type ShellCommand } from '@/lib/ssh/shell';

/** How to start, stop, restart and ask about one cluster, for its control method. */
export interface ControlCommands {
  readonly as: RunAs;
  readonly start: ShellCommand;
  readonly stop: ShellCommand;
  /** Ends writes at once without a shutdown checkpoint (WAL is kept for pg_rewind; the next start runs crash recovery); the plain stop for systemd units. */
  readonly stopNow: ShellCommand;
  readonly restart: ShellCommand;
  /** Exits 0 when running, 3 when stopped (pg_ctl and LSB convention). */
  readonly status: ShellCommand;
}

/**
 * The commands for a cluster's control method: systemd units and pg_ctlcluster as root
 * (the Debian way, so the service manager knows the state), pg_ctl as postgres (the server's
 * own, from its binary directory when known) with `-w` and a log file so the SSH channel does
 * not stay open on the postmaster's output.
 * Before: the control facts passed validation (plain unit, version, name or path).
 */
export function controlCommands(control: ServiceControl): ControlCommands {
  switch (control.kind) {
    case 'systemd':
      return {
        as: 'root',
        start: sh`systemctl start -- ${control.unit}`,
        stop: sh`systemctl stop -- ${control.unit}`,
        stopNow: sh`systemctl stop -- ${control.unit}`,
        restart: sh`systemctl restart -- ${control.unit}`,
        status: sh`systemctl is-active --quiet -- ${control.unit}`,
      };
    case 'pg_ctlcluster':
      return {
        as: 'root',
        start: sh`pg_ctlcluster ${control.version} ${control.name} start`,
        stop: sh`pg_ctlcluster ${control.version} ${control.name} stop -m fast`,
        stopNow: sh`pg_ctlcluster ${control.version} ${control.name} stop -m immediate`,
        restart: sh`pg_ctlcluster ${control.version} ${control.name} restart`,
        status: sh`pg_ctlcluster ${control.version} ${control.name} status`,
      };
    case 'pg_ctl': {
      const log = `${control.dataDirectory}/tandem-pg_ctl.log`;
      const pgCtl = control.binDirectory ? sh`${`${control.binDirectory}/pg_ctl`}` : sh`pg_ctl`;
      return {
        as: 'postgres',
        start: sh`${pgCtl} -D ${control.dataDirectory} -l ${log} -w start`,
        stop: sh`${pgCtl} -D ${control.dataDirectory} -w stop -m fast`,
        stopNow: sh`${pgCtl} -D ${control.dataDirectory} -w stop -m immediate`,
        restart: sh`${pgCtl} -D ${control.dataDirectory} -l ${log} -w restart -m fast`,
        status: sh`${pgCtl} -D ${control.dataDirectory} status`,
      };
    }
  }
}

/**
 * Where the server's own tools are (pg_basebackup, pg_rewind, pg_controldata of its major):
 * the directory its postmaster runs from when discovery saw it, else Debian's place for the major.
 */
export function serverBinDirectory(control: ServiceControl, major: number): string {
  return control.kind !== 'pg_ctlcluster' && control.binDirectory ? control.binDirectory : `/usr/lib/postgresql/${major}/bin`;
}

/** Holds when the cluster is stopped (status exit 3), not when the status itself failed. */
export function stoppedCommand(control: ServiceControl): ShellCommand {
  return sh`${controlCommands(control).status} >/dev/null 2>&1; test $? -eq 3`;
}
