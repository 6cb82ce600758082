import type { ServiceControl } from '@/lib/discovery/facts';

export type RepositoryKind = 'host' | 's3';
export type CompressType = 'zst' | 'lz4' | 'gz' | 'bz2' | 'none';
export const COMPRESS_TYPES = ['zst', 'lz4', 'gz', 'bz2', 'none'] as const satisfies readonly CompressType[];
export type BackupType = 'full' | 'diff' | 'incr';
export const BACKUP_TYPES = ['full', 'diff', 'incr'] as const satisfies readonly BackupType[];

/** A host an operation reaches, as the inventory pinned it. */
export interface BackupHost {
  readonly hostId: number;
  readonly name: string;
  readonly address: string;
  /** The pinned SSH host key: the peers' known_hosts entries must carry this very key. */
  readonly hostKeyType: string;
  readonly hostKeyFingerprint: string;
}

/** A member's PostgreSQL as pgBackRest reaches it. */
export interface BackupMember extends BackupHost {
  readonly pgPort: number;
  readonly dataDirectory: string;
  readonly control: ServiceControl;
}

export interface S3Location {
  readonly endpoint: string;
  readonly port: number;
  readonly bucket: string;
  readonly region: string;
  readonly pathStyle: boolean;
  readonly verifyTls: boolean;
  /** PEM of the CA to check the endpoint against; null: the host's system CAs. */
  readonly caCertificate: string | null;
}

/** One pgBackRest repository (`repo<number>`), without its secrets. */
export interface RepositorySpec {
  readonly number: number;
  readonly kind: RepositoryKind;
  /** kind host: the repository host, where backups run. */
  readonly host: BackupHost | null;
  readonly path: string;
  readonly s3: S3Location | null;
  readonly encrypted: boolean;
  readonly retentionFull: number;
  readonly retentionFullType: 'count' | 'time';
}

/** The secrets of one repository, filled in at run time and redacted from every record. */
export interface RepositorySecrets {
  readonly s3Key?: string;
  readonly s3Secret?: string;
  readonly cipherPass?: string;
}

/** A cluster's backup settings as the plans use them (no secrets). */
export interface BackupSetup {
  readonly clusterName: string;
  readonly stanza: string;
  readonly major: number;
  readonly compressType: CompressType;
  readonly processMax: number;
  readonly backupStandby: boolean;
  readonly repositories: readonly RepositorySpec[];
  readonly members: readonly BackupMember[];
}

/** Secrets per repository number. */
export type SecretsByRepository = Readonly<Record<number, RepositorySecrets>>;
