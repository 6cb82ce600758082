import { sh, type ShellCommand } from '@/lib/ssh/shell';

/** A repository host repository's file system as `df` saw it, and what the repository directory holds (`du`). */
export interface RepositoryReading {
  /** Bytes an unprivileged account (pgBackRest's) may still write: df's Available. */
  readonly freeBytes: number;
  readonly totalBytes: number;
  /** Null when `du` gave no answer in time. */
  readonly usedBytes: number | null;
}

/**
 * Prints the file system holding `path` in POSIX form, in bytes (`df -PB1`: a header and one
 * line), then the bytes under `path` (`du -sB1`) when du finishes within a minute (df alone is
 * instant; a large repository takes du a while, and its figure is then left out); df alone without
 * `usage`. Exits with df's status. Run as root on the repository host (the directory belongs to pgbackrest, 0750).
 */
export function repositorySpaceCommand(path: string, usage = true): ShellCommand {
  return usage ? sh`df -PB1 -- ${path} && { timeout 60 du -sB1 -- ${path} 2>/dev/null || true; }` : sh`df -PB1 -- ${path}`;
}

/** Less free space than this (64 MiB, or 1% of the file system when that is more) is a full repository: the next backup or archived segment cannot land. */
export function repositoryFull(reading: RepositoryReading): boolean {
  return reading.freeBytes < Math.max(64 * 1024 * 1024, reading.totalBytes / 100);
}

/** `<filesystem> <1-blocks> <used> <available> <capacity>% <mounted on>`; the file system and mount point may hold spaces. */
const DF_ROW = /^\S.*?\s+(\d+)\s+\d+\s+(\d+)\s+(?:\d+%|-)\s+\/.*$/;
const DU_ROW = /^(\d+)\t/;

/** Decodes {@link repositorySpaceCommand}'s output; null when df's row is not there as expected. */
export function parseRepositorySpace(stdout: string): RepositoryReading | null {
  const [header, row, du] = stdout.split('\n').map((line) => line.trimEnd());
  if (!header?.startsWith('Filesystem')) return null;
  const df = DF_ROW.exec(row ?? '');
  if (!df) return null;
  const used = DU_ROW.exec(du ?? '');
  return { totalBytes: Number(df[1]), freeBytes: Number(df[2]), usedBytes: used ? Number(used[1]) : null };
}
