import type { SqlText } from '@/lib/pg/sql';
import type { RunAs } from '@/lib/ssh/run-as';
import type { ShellCommand } from '@/lib/ssh/shell';

/** Secrets the runner fills in at run time; plans only name them. */
export type SecretRef = 'replication-password-verifier' | 'monitor-password-verifier';

/** What a certificate request asks Tandem's CA to sign for one member. */
export interface CertificateRequest {
  readonly host: string;
  readonly csrPem: string;
  readonly addresses: readonly string[];
  readonly dnsNames: readonly string[];
}

/** Tandem's certificate authority, as plans use it at run time: read its certificate, sign a member's request (and record it). */
export interface CertificateIssuer {
  authorityPem(): Promise<string>;
  issue(request: CertificateRequest): Promise<{ readonly certPem: string }>;
}

/** A member's PostgreSQL as a replication connection names it. */
export interface PgEndpoint {
  readonly host: string;
  readonly port: number;
}

/**
 * Stdin the runner builds from the secret: the replication role's `.pgpass` lines, one per
 * member of the cluster (any of them may be the upstream after a switchover), so libpq
 * never offers the password to a server that is not a member.
 */
export interface PassfileInput {
  readonly kind: 'replication-passfile';
  readonly endpoints: readonly PgEndpoint[];
  readonly role: string;
}

/**
 * Whether a step's end state holds, as data. An `sql` check holds when its first row's
 * `ok` column is `t` (no row or NULL: it does not; a row without a boolean `ok` is an
 * error naming the query); a `shell` check holds when the command exits 0.
 */
export type Check =
  | { readonly kind: 'sql'; readonly host: string; readonly sql: SqlText; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'shell'; readonly host: string; readonly as: RunAs; readonly command: ShellCommand }
  | { readonly kind: 'any'; readonly of: readonly Check[] }
  | { readonly kind: 'all'; readonly of: readonly Check[] }
  | { readonly kind: 'never'; readonly reason: string }
  /** Tandem's monitoring rules in pg_hba hold for its address as the host sees it (`$SSH_CLIENT`, read when checked). */
  | { readonly kind: 'tandem-hba'; readonly host: string; readonly role: string; readonly loopback: boolean; readonly tls: boolean }
  /** The member holds a certificate from Tandem's CA for `address`, valid past the renewal window (the CA is read when checked). */
  | { readonly kind: 'member-certificate'; readonly host: string; readonly clusterName: string; readonly address: string };

/** One thing a step does on one host. */
export type Action =
  | {
    readonly kind: 'sql';
    readonly host: string;
    readonly sql: SqlText;
    readonly params: Readonly<Record<string, string>>;
    readonly secretParams?: Readonly<Record<string, SecretRef>>;
  }
  | { readonly kind: 'shell'; readonly host: string; readonly as: RunAs; readonly command: ShellCommand; readonly timeoutMs: number; readonly stdin?: PassfileInput }
  /** Run `command` only when `when` holds (e.g. a restart only when a changed setting needs it). */
  | { readonly kind: 'shell-if'; readonly host: string; readonly as: RunAs; readonly command: ShellCommand; readonly timeoutMs: number; readonly when: Check }
  /** Fetch `file`, apply `applyHbaLines(text, lines, marker)`, write it back atomically. */
  | { readonly kind: 'hba-edit'; readonly host: string; readonly file: string; readonly marker: string; readonly lines: readonly string[]; readonly belowReplicationLines?: boolean }
  /** Like `hba-edit`, for rules admitting Tandem itself: the address is Tandem's as the host sees it (`$SSH_CLIENT`), read when the step runs. */
  | { readonly kind: 'tandem-hba-edit'; readonly host: string; readonly file: string; readonly marker: string; readonly role: string; readonly loopback: boolean; readonly tls: boolean }
  /** The member makes a key and a request; Tandem's CA signs it for `addresses` and `dnsNames`; the certificate is installed beside the key. */
  | { readonly kind: 'issue-certificate'; readonly host: string; readonly clusterName: string; readonly addresses: readonly string[]; readonly dnsNames: readonly string[] }
  /** Poll `until` every `intervalMs` up to `timeoutMs`; the runner records the time it took under `measure`. */
  | { readonly kind: 'wait'; readonly until: Check; readonly intervalMs: number; readonly timeoutMs: number; readonly measure?: string };

/** Config lines a step writes to a file, shown in the runbook. */
export interface ConfigLines {
  readonly host: string;
  readonly file: string;
  readonly lines: readonly string[];
}

export type StepPhase = 'primary' | 'replica' | 'verify';

/**
 * One idempotent step: `check` says whether its end state already holds (skip it),
 * `actions` bring it about, `verify` proves it afterwards.
 */
export interface PlannedStep {
  readonly id: string;
  readonly title: string;
  readonly host: string;
  readonly phase: StepPhase;
  /** Why the step exists, one or two sentences for the runbook. */
  readonly why: string;
  readonly check: Check;
  readonly actions: readonly Action[];
  readonly verify: Check;
  readonly config?: readonly ConfigLines[];
}

export interface SetupPlan {
  readonly kind: 'setup' | 'add-replica';
  readonly clusterName: string;
  readonly steps: readonly PlannedStep[];
  /** Things the DBA should know that do not stop the plan (e.g. no WAL bound before PostgreSQL 13). */
  readonly notes: readonly string[];
}
