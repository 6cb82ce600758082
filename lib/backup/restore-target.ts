import { z } from 'zod';
import { sh, type ShellCommand } from '@/lib/ssh/shell';

/** Where a restore stops replaying WAL. */
export type RestoreTarget =
  | { readonly kind: 'latest' }
  | { readonly kind: 'time'; readonly time: string }
  | { readonly kind: 'lsn'; readonly lsn: string }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'backup'; readonly label: string };

/** What the restored server does on reaching the target: stay read-only in recovery (look, copy out) or become writable. */
export type TargetAction = 'pause' | 'promote';

const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;
const LABEL = /^\d{8}-\d{6}F(?:_\d{8}-\d{6}[DI])?$/;
const RESTORE_POINT = /^[A-Za-z0-9_.:-]{1,63}$/;

export const restoreTargetSchema: z.ZodType<RestoreTarget> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latest') }),
  z.object({ kind: z.literal('time'), time: z.iso.datetime({ offset: true }) }),
  z.object({ kind: z.literal('lsn'), lsn: z.string().regex(LSN, 'an LSN looks like 0/3000060') }),
  z.object({ kind: z.literal('name'), name: z.string().regex(RESTORE_POINT, 'a restore point name has letters, digits and _ . : - only') }),
  z.object({ kind: z.literal('backup'), label: z.string().regex(LABEL, 'a backup label looks like 20261203-175835F') }),
]);

/** pgBackRest's time format for --target: UTC with milliseconds, e.g. `2026-12-03 18:01:02.345+00`. */
export function pgbackrestTime(iso: string): string {
  return `${new Date(iso).toISOString().replace('T', ' ').replace('Z', '')}+00`;
}

/** The restore's recovery options for a target and action. */
export function targetOptions(target: RestoreTarget, action: TargetAction): ShellCommand {
  switch (target.kind) {
    case 'latest':
      return sh`--type=default`;
    case 'time':
      return sh`--type=time ${`--target=${pgbackrestTime(target.time)}`} ${`--target-action=${action}`}`;
    case 'lsn':
      return sh`--type=lsn ${`--target=${target.lsn}`} ${`--target-action=${action}`}`;
    case 'name':
      return sh`--type=name ${`--target=${target.name}`} ${`--target-action=${action}`}`;
    case 'backup':
      return sh`--type=immediate ${`--set=${target.label}`} ${`--target-action=${action}`}`;
  }
}

/** The target in a sentence, for plans and outcomes. */
export function describeTarget(target: RestoreTarget): string {
  switch (target.kind) {
    case 'latest': return 'the latest archived WAL';
    case 'time': return `time ${target.time}`;
    case 'lsn': return `LSN ${target.lsn}`;
    case 'name': return `restore point ${target.name}`;
    case 'backup': return `the end of backup ${target.label}`;
  }
}

/**
 * Why a target cannot be reached from the recovery window, or null. Only a time can be judged
 * before the restore runs; the window's ends are ISO times.
 */
export function targetOutsideWindow(target: RestoreTarget, window: { readonly earliest: string; readonly latest: string } | null, labels: readonly string[]): string | null {
  if (!window) return 'The stanza holds no backup yet: take a backup first.';
  if (target.kind === 'backup' && !labels.includes(target.label)) return `There is no backup ${target.label} in the repository (backups: ${labels.join(', ') || 'none'}).`;
  if (target.kind !== 'time') return null;
  const parsed = new Date(target.time);
  if (Number.isNaN(parsed.getTime())) return `${target.time} is not a time: give it as 2026-12-03T18:01:02Z.`;
  const at = parsed.toISOString();
  if (at < window.earliest || at > window.latest) return `${target.time} is outside the recovery window, ${window.earliest} to ${window.latest}: pick a time inside it.`;
  return null;
}
