import { z } from 'zod';
import type { BackupType } from './types';

/**
 * What `pgbackrest info --output=json` says about one stanza, decoded: every backup in every
 * repository (taken by Tandem or not), the WAL each repository holds, and the system
 * identifiers the stanza was created for. The system identifier is a 64-bit number, kept as
 * a string: JSON.parse would round it.
 */
export interface StanzaInfo {
  readonly name: string;
  readonly status: { readonly code: number; readonly message: string };
  readonly backupRunning: boolean;
  readonly systemIds: readonly string[];
  readonly repositories: readonly { readonly key: number; readonly code: number; readonly message: string; readonly cipher: string }[];
  readonly archives: readonly { readonly repository: number; readonly id: string; readonly min: string | null; readonly max: string | null }[];
  readonly backups: readonly BackupEntry[];
}

export interface BackupEntry {
  readonly label: string;
  readonly type: BackupType;
  readonly repository: number;
  readonly startedAt: string;
  readonly stoppedAt: string;
  /** The database's size, and what this backup copied of it. */
  readonly sizeBytes: number;
  readonly deltaBytes: number;
  /** Its size in the repository (compressed), and what it added there. */
  readonly repositorySizeBytes: number;
  readonly repositoryDeltaBytes: number;
  readonly walStart: string | null;
  readonly walStop: string | null;
  readonly lsnStart: string | null;
  readonly lsnStop: string | null;
  readonly prior: string | null;
  readonly error: boolean;
}

const repoKey = z.object({ 'repo-key': z.number().int() });
const rawBackup = z.object({
  label: z.string(),
  type: z.enum(['full', 'diff', 'incr']),
  database: repoKey,
  timestamp: z.object({ start: z.number(), stop: z.number() }),
  info: z.object({ size: z.number(), delta: z.number(), repository: z.object({ size: z.number().optional(), delta: z.number() }) }),
  archive: z.object({ start: z.string().nullable(), stop: z.string().nullable() }).nullable().optional(),
  lsn: z.object({ start: z.string().nullable(), stop: z.string().nullable() }).nullable().optional(),
  prior: z.string().nullable().optional(),
  error: z.boolean().optional(),
});
const rawStanza = z.object({
  name: z.string(),
  status: z.object({ code: z.number(), message: z.string(), lock: z.object({ backup: z.object({ held: z.boolean() }).optional() }).optional() }),
  db: z.array(z.object({ 'system-id': z.string(), 'repo-key': z.number().int() })).default([]),
  repo: z.array(z.object({ key: z.number().int(), cipher: z.string(), status: z.object({ code: z.number(), message: z.string() }) })).default([]),
  archive: z.array(z.object({ database: repoKey, id: z.string(), min: z.string().nullable(), max: z.string().nullable() })).default([]),
  backup: z.array(rawBackup).default([]),
});

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

/** Decodes the output of `pgbackrest --stanza=S --output=json info`; throws on anything else. */
export function parseStanzaInfo(output: string, stanza: string): StanzaInfo {
  // Quote the 64-bit system identifiers before JSON.parse can round them.
  const quoted = output.replace(/"system-id"\s*:\s*(\d+)/g, '"system-id":"$1"');
  const stanzas = z.array(rawStanza).parse(JSON.parse(quoted));
  const raw = stanzas.find((entry) => entry.name === stanza);
  if (!raw) throw new Error(`pgbackrest info did not report stanza ${stanza}`);
  return {
    name: raw.name,
    status: { code: raw.status.code, message: raw.status.message },
    backupRunning: raw.status.lock?.backup?.held ?? false,
    systemIds: [...new Set(raw.db.map((db) => db['system-id']))],
    repositories: raw.repo.map((repo) => ({ key: repo.key, code: repo.status.code, message: repo.status.message, cipher: repo.cipher })),
    archives: raw.archive.map((archive) => ({ repository: archive.database['repo-key'], id: archive.id, min: archive.min, max: archive.max })),
    backups: raw.backup.map((backup) => ({
      label: backup.label,
      type: backup.type,
      repository: backup.database['repo-key'],
      startedAt: iso(backup.timestamp.start),
      stoppedAt: iso(backup.timestamp.stop),
      sizeBytes: backup.info.size,
      deltaBytes: backup.info.delta,
      repositorySizeBytes: backup.info.repository.size ?? backup.info.repository.delta,
      repositoryDeltaBytes: backup.info.repository.delta,
      walStart: backup.archive?.start ?? null,
      walStop: backup.archive?.stop ?? null,
      lsnStart: backup.lsn?.start ?? null,
      lsnStop: backup.lsn?.stop ?? null,
      prior: backup.prior ?? null,
      error: backup.error ?? false,
    })),
  };
}

/** The stored form of a StanzaInfo (the catalog), decoded on read. */
export const stanzaInfoSchema: z.ZodType<StanzaInfo> = z.object({
  name: z.string(),
  status: z.object({ code: z.number(), message: z.string() }),
  backupRunning: z.boolean(),
  systemIds: z.array(z.string()),
  repositories: z.array(z.object({ key: z.number(), code: z.number(), message: z.string(), cipher: z.string() })),
  archives: z.array(z.object({ repository: z.number(), id: z.string(), min: z.string().nullable(), max: z.string().nullable() })),
  backups: z.array(z.object({
    label: z.string(), type: z.enum(['full', 'diff', 'incr']), repository: z.number(), startedAt: z.string(), stoppedAt: z.string(),
    sizeBytes: z.number(), deltaBytes: z.number(), repositorySizeBytes: z.number(), repositoryDeltaBytes: z.number(),
    walStart: z.string().nullable(), walStop: z.string().nullable(), lsnStart: z.string().nullable(), lsnStop: z.string().nullable(),
    prior: z.string().nullable(), error: z.boolean(),
  })),
});

/**
 * The points a restore can reach: from the end of the oldest good backup (the first
 * consistent point) to the last WAL the archiver stored (`lastArchivedAt`, from
 * pg_stat_archiver; null: the end of the newest backup).
 */
export function recoveryWindow(info: StanzaInfo, lastArchivedAt: Date | null): { readonly earliest: string; readonly latest: string } | null {
  const good = info.backups.filter((backup) => !backup.error);
  if (good.length === 0) return null;
  const earliest = good.map((backup) => backup.stoppedAt).sort()[0] ?? '';
  const newest = good.map((backup) => backup.stoppedAt).sort().at(-1) ?? earliest;
  const latest = lastArchivedAt && lastArchivedAt.toISOString() > newest ? lastArchivedAt.toISOString() : newest;
  return { earliest, latest };
}
