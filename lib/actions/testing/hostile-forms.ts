import { db } from '@/lib/db/client';
import { loadRepositorySecrets } from '@/lib/db/backups';
import { loadHostTarget } from '@/lib/db/hosts';
import { auth } from '@/lib/auth/auth';
import { USER_PASSWORD, type HostileFixture } from './hostile-fixture';

/**
 * Which catalogue values a field may accept; every other one must be refused. `any`: free text
 * (notes, reasons, comments, display names, typed confirmations, passwords), taken as it is and
 * never interpreted. `words`: plain words and numbers (`constructor`, `1e309`), legitimate names
 * and labels. `blank`: white space, which an optional trimmed field reads as empty. A label names
 * one catalogue value that is legitimate for this field.
 */
type Accepts = 'any' | readonly string[];

export interface FieldRule {
  readonly accepts?: Accepts;
  /** Fields posted with the same value (a new password and its confirmation). */
  readonly together?: readonly string[];
  /** What the database holds for the field after an accepted case, to compare with the value as the form normalises it. */
  readonly stored?: (value: string) => Promise<string | null>;
  /** The form trims this field: an accepted value is stored trimmed. */
  readonly trimmed?: boolean;
  /**
   * A typed confirmation or reason the guard rails judge together with a fresh reading of the
   * members, so that a person sees every refusal at once: refusing it may take the same
   * read-only probes the baseline form takes, never more. The value itself reaches no host.
   */
  readonly judgedWithReading?: boolean;
}

export interface FormCase {
  /** A valid form: the baseline each case changes in one field. */
  readonly form: Record<string, string | readonly string[]>;
  readonly fields: Record<string, FieldRule>;
}

const STRICT: FieldRule = {};
const ANY: FieldRule = { accepts: 'any' };
const ANY_TRIMMED: FieldRule = { accepts: 'any', trimmed: true };
const WORDS: FieldRule = { accepts: ['words'] };
const OPTIONAL: FieldRule = { accepts: ['blank'] };
const TYPED_CONFIRMATION: FieldRule = { accepts: 'any', judgedWithReading: true };

async function latestHost() {
  return (await db()).host.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { id: true, name: true, notes: true } });
}

/** The password a host's sealed secret opens to, as the SSH layer would send it. */
async function hostPassword(id: number): Promise<string | null> {
  const credentials = (await loadHostTarget(id))?.target.auth;
  return credentials?.kind === 'password' ? credentials.password : null;
}

/** `value` when the user's stored hash verifies it (better-auth's own check), otherwise null. */
async function passwordOf(email: string, value: string): Promise<string | null> {
  const account = await (await db()).account.findFirst({ where: { user: { email }, providerId: 'credential' }, select: { password: true } });
  if (!account?.password) return null;
  const verified = await (await (await auth()).$context).password.verify({ hash: account.password, password: value });
  return verified ? value : null;
}

/** The valid argument of every action called with one plain argument, by export name: what the hostile values stand in for. */
export function hostileArguments({ ids }: HostileFixture): Record<string, unknown> {
  return { assessPromote: ids.main };
}

/** The baseline form and field rules of every action that takes a form, by export name. */
export function hostileForms({ ids, listener, users }: HostileFixture): Record<string, FormCase> {
  const hostForm = {
    name: 'db-new', sshAddress: '192.0.2.10', sshPort: '22', sshUser: 'root', authMethod: 'password',
    privateKey: '', passphrase: '', password: 'ssh-password', pgPort: '5432', pgVia: 'direct', labels: 'rack-4', notes: '',
  };
  const hostFields = (created: boolean): Record<string, FieldRule> => ({
    name: { ...WORDS, stored: async () => (await latestHost()).name },
    sshAddress: WORDS,
    sshPort: STRICT,
    sshUser: WORDS,
    authMethod: STRICT,
    // With password authentication a pasted key and its passphrase are not used (nor stored).
    privateKey: ANY,
    passphrase: ANY,
    password: created ? { ...ANY, stored: async () => hostPassword((await latestHost()).id) } : { ...ANY, stored: async () => hostPassword(ids.spare) },
    pgPort: STRICT,
    pgVia: STRICT,
    labels: { accepts: ['words', 'blank'] },
    notes: { ...ANY, stored: async () => (created ? (await latestHost()).notes : (await (await db()).host.findUniqueOrThrow({ where: { id: ids.spare } })).notes) },
  });
  const setupForm = {
    clusterName: 'fresh', primaryId: String(ids.free1), replicaIds: [String(ids.free2)], roleName: 'replicator', passwordMethod: 'scram-sha-256',
    slots: 'on', maxSlotWalKeepSize: '10GB', baseBackupMaxRateMb: '', mode: 'async', tls: 'on', existingData: 'move-aside', setListenAddresses: 'on', enableWalLogHints: 'on',
  };
  const setupFields: Record<string, FieldRule> = {
    clusterName: WORDS, primaryId: STRICT, replicaIds: STRICT, roleName: WORDS, passwordMethod: STRICT, slots: STRICT, maxSlotWalKeepSize: OPTIONAL,
    baseBackupMaxRateMb: OPTIONAL, mode: STRICT, tls: STRICT, existingData: STRICT, setListenAddresses: STRICT, enableWalLogHints: STRICT, reuseExistingRole: STRICT,
  };
  const importCase: FormCase = { form: { clusterName: 'found', hostIds: [String(ids.free1), String(ids.free2)] }, fields: { clusterName: WORDS, hostIds: STRICT } };
  const addReplicaCase: FormCase = { form: { clusterId: String(ids.main), hostId: String(ids.free1), baseBackupMaxRateMb: '', source: 'primary' }, fields: { clusterId: STRICT, hostId: STRICT, baseBackupMaxRateMb: OPTIONAL, source: STRICT } };
  const switchoverCase: FormCase = {
    form: { clusterId: String(ids.main), candidate: 'pg2', confirmName: 'main', reason: 'planned maintenance' },
    fields: { clusterId: STRICT, candidate: STRICT, confirmName: TYPED_CONFIRMATION, reason: TYPED_CONFIRMATION },
  };
  // A host name is judged where it resolves, at delivery (webhook-post.ts); the URL parser drops CR and LF, so no header is ever injected.
  const URL_HOST_NAMES = ['localhost PostgreSQL', 'metadata host name', 'CRLF in a URL'];
  const WEBHOOK_URL: FieldRule = { accepts: URL_HOST_NAMES };
  const webhookForm = { hookName: 'new-hook', url: 'https://hooks.example.com/services/T/B/x', format: 'slack', minSeverity: 'warning' };
  // The settings form's first repository is S3 (repo2), the second a repository host: a hostile value replaces the S3 one's.
  const backupSettingsForm = {
    clusterId: String(ids.main),
    repoNumber: ['2', '1'], repoKind: ['s3', 'host'], repoHostId: ['', String(ids.free1)], repoPath: ['/main', '/var/lib/pgbackrest'],
    s3Endpoint: ['s3.example.com', ''], s3Port: ['', ''], s3Bucket: ['tandem-backups', ''], s3Region: ['us-east-1', ''], s3UriStyle: ['path', ''], s3VerifyTls: ['on', ''],
    s3CaCertificate: ['', ''], s3Key: ['AKIAEXAMPLE', ''], s3Secret: ['secret-key', ''], cipherPass: ['a passphrase of twenty and more', ''], removeEncryption: ['no', 'no'],
    retentionFull: ['2', '2'], retentionType: ['count', 'count'],
    compressType: 'zst', processMax: '2', backupStandby: 'on', fullEveryHours: '168', diffEveryHours: '24', incrEveryHours: '1', scheduleOn: 'on',
    drillHostId: String(ids.free2), drillEveryDays: '0', smokeTestSql: 'SELECT 1',
  };
  const s3Repository = async () => (await db()).backupRepository.findUnique({ where: { clusterId_number: { clusterId: ids.main, number: 2 } } });
  const s3Secret = (which: 's3Key' | 's3Secret' | 'cipherPass') => async () => (await loadRepositorySecrets(ids.main))[2]?.[which] ?? null;
  const restoreForm = {
    clusterId: String(ids.main), hostId: String(ids.spare), targetKind: 'time', targetValue: '2026-12-03T18:01:02Z', action: 'pause', repository: '', confirm: 'spare', reason: 'recover a dropped table',
  };
  const latestWebhookName = async () => (await (await db()).webhook.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { name: true } })).name;

  return {
    acceptHostKey: { form: { id: String(ids.pg1), fingerprint: `SHA256:${'B'.repeat(43)}`, confirm: 'pg1' }, fields: { id: STRICT, fingerprint: STRICT, confirm: ANY } },
    acknowledgeAlert: {
      form: { eventId: String(ids.alert), comment: 'Looking at pg2' },
      fields: {
        eventId: STRICT,
        comment: { ...ANY_TRIMMED, stored: async () => (await (await db()).alertEvent.findUniqueOrThrow({ where: { id: ids.alert }, select: { ackComment: true } })).ackComment },
      },
    },
    cancelOperation: { form: { id: String(ids.interrupted) }, fields: { id: STRICT } },
    resumeOperation: { form: { id: String(ids.interrupted) }, fields: { id: STRICT } },
    changeOwnPassword: {
      form: { currentPassword: USER_PASSWORD, newPassword: 'a brand new password', confirm: 'a brand new password' },
      fields: { currentPassword: ANY, newPassword: { ...ANY, together: ['confirm'] }, confirm: ANY },
    },
    createApiToken: {
      form: { name: 'deploy-bot', role: 'viewer', days: '30' },
      // After the baseline the name is taken, so only a new name is accepted: the other fields' cases are refused whatever they hold.
      fields: { name: { ...ANY_TRIMMED, stored: async () => (await (await db()).apiToken.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { name: true } })).name }, role: STRICT, days: STRICT },
    },
    revokeApiToken: { form: { tokenId: String(ids.apiToken) }, fields: { tokenId: STRICT } },
    changeUserRole: { form: { userId: users.viewer, role: 'operator' }, fields: { userId: STRICT, role: STRICT } },
    changeWebhook: { form: { id: String(ids.webhook), change: 'disable' }, fields: { id: STRICT, change: STRICT } },
    checkHost: { form: { id: String(ids.free1) }, fields: { id: STRICT } },
    deleteHost: { form: { id: String(ids.spare) }, fields: { id: STRICT } },
    createFirstAdminAccount: {
      form: { setupToken: 'not-the-token', name: 'First Admin', email: 'first@example.com', password: 'a long first password', confirm: 'a long first password' },
      fields: { setupToken: ANY, name: ANY, email: STRICT, password: { ...ANY, together: ['confirm'] }, confirm: ANY },
    },
    createHost: { form: hostForm, fields: hostFields(true) },
    updateHost: {
      form: { ...hostForm, id: String(ids.spare), name: 'spare', sshAddress: '127.0.0.1', sshPort: String(listener.port), password: 'new-ssh-password' },
      fields: { ...hostFields(false), id: STRICT },
    },
    createUser: {
      form: { name: 'New User', email: 'new@example.com', password: 'long enough password', role: 'viewer' },
      fields: {
        name: { ...ANY_TRIMMED, stored: async () => (await (await db()).user.findUnique({ where: { email: 'new@example.com' }, select: { name: true } }))?.name ?? null },
        email: STRICT,
        password: { ...ANY, stored: (value) => passwordOf('new@example.com', value) },
        role: STRICT,
      },
    },
    disableUser: { form: { userId: users.viewer }, fields: { userId: STRICT } },
    enableUser: { form: { userId: users.disabled }, fields: { userId: STRICT } },
    removeUser: { form: { userId: users.disabled, confirm: 'otto@example.com' }, fields: { userId: STRICT, confirm: ANY } },
    setUserPassword: {
      form: { userId: users.viewer, password: 'another long password' },
      fields: { userId: STRICT, password: { ...ANY, stored: (value) => passwordOf('vera@example.com', value) } },
    },
    signIn: { form: { email: 'vera@example.com', password: 'not her password' }, fields: { email: STRICT, password: ANY } },
    createWebhook: { form: webhookForm, fields: { hookName: { ...ANY_TRIMMED, stored: latestWebhookName }, url: WEBHOOK_URL, format: STRICT, minSeverity: STRICT } },
    updateWebhook: {
      form: { ...webhookForm, id: String(ids.webhook), hookName: 'seed', url: '' },
      fields: { id: STRICT, hookName: { ...ANY_TRIMMED, stored: async () => (await (await db()).webhook.findUniqueOrThrow({ where: { id: ids.webhook } })).name }, url: { accepts: [...URL_HOST_NAMES, 'blank'] }, format: STRICT, minSeverity: STRICT },
    },
    testWebhook: { form: { id: String(ids.webhook) }, fields: { id: STRICT } },
    // A list split on white space: a newline or a blank parts entries, white space alone empties the list, and words are host names.
    updateWebhookAllowList: {
      form: { entries: '127.0.0.2 10.20.0.0/16 chat.example.com' },
      fields: { entries: { accepts: ['newline and command', 'carriage return and command', 'constructor', 'toString', 'NaN', 'overflowing float', 'Infinity', 'tab only', 'line separator', 'ideographic space only'] } },
    },
    rotateMetricsToken: { form: { change: 'rotate' }, fields: { change: STRICT } },
    updateAlertRule: {
      form: { clusterId: String(ids.main), metric: 'replay_lag_bytes', severity: 'warning', threshold: '64', forSeconds: '45', enabled: 'on' },
      fields: { clusterId: STRICT, metric: STRICT, severity: STRICT, threshold: { accepts: ['fraction'] }, forSeconds: STRICT, enabled: STRICT },
    },
    updateRoutingHooks: {
      form: { clusterId: String(ids.main), hooks: '[]', secrets: '' },
      // Secret lines are NAME=value; a blank adds none. Names to clear that no secret has are ignored.
      fields: { clusterId: STRICT, hooks: { accepts: ['empty JSON list'] }, secrets: { accepts: ['blank'] }, clearSecrets: { accepts: 'any' } },
    },
    importCluster: importCase,
    previewImport: importCase,
    preflightSetup: { form: setupForm, fields: setupFields },
    startSetup: { form: setupForm, fields: setupFields },
    preflightAddReplica: addReplicaCase,
    startAddReplica: addReplicaCase,
    startCheckCluster: {
      form: { clusterId: String(ids.main), reason: 'routine check' },
      fields: {
        clusterId: STRICT,
        reason: { ...ANY_TRIMMED, stored: async () => (await (await db()).operation.findFirstOrThrow({ where: { kind: 'check-cluster', clusterId: ids.main }, orderBy: { id: 'desc' }, select: { reason: true } })).reason },
      },
    },
    startEnableMonitoring: { form: { clusterId: String(ids.main) }, fields: { clusterId: STRICT } },
    startPromote: {
      form: { clusterId: String(ids.main), candidate: 'pg2', confirmName: 'main', reason: 'pg1 is lost', acknowledgeDown: 'on', overrideBytes: '' },
      // The override is read only when the lag guard refuses, and only as a whole number of bytes; anything else is no override.
      fields: { clusterId: STRICT, candidate: STRICT, confirmName: TYPED_CONFIRMATION, reason: TYPED_CONFIRMATION, acknowledgeDown: STRICT, overrideBytes: TYPED_CONFIRMATION },
    },
    startSwitchover: switchoverCase,
    startDrill: switchoverCase,
    startRejoin: { form: { clusterId: String(ids.main), member: 'pg1', reason: 'old primary is back' }, fields: { clusterId: STRICT, member: STRICT, reason: ANY, method: STRICT } },
    startRenewCertificates: { form: { clusterId: String(ids.main) }, fields: { clusterId: STRICT } },
    saveBackupSettings: {
      form: backupSettingsForm,
      fields: {
        clusterId: STRICT, repoNumber: STRICT, repoKind: STRICT, repoHostId: OPTIONAL,
        // An object store's path is a prefix in its bucket: any plain absolute path will do there.
        repoPath: { accepts: ['absolute path', 'proc environ'], trimmed: true, stored: async () => (await s3Repository())?.path ?? null },
        s3Endpoint: { ...WORDS, trimmed: true, stored: async () => (await s3Repository())?.s3Endpoint ?? null },
        s3Port: OPTIONAL,
        s3Bucket: { ...WORDS, trimmed: true, stored: async () => (await s3Repository())?.s3Bucket ?? null },
        s3Region: { ...WORDS, trimmed: true, stored: async () => (await s3Repository())?.s3Region ?? null },
        s3UriStyle: STRICT, s3VerifyTls: STRICT, s3CaCertificate: OPTIONAL,
        s3Key: { ...ANY, stored: s3Secret('s3Key') },
        s3Secret: { ...ANY, stored: s3Secret('s3Secret') },
        cipherPass: { ...ANY, stored: s3Secret('cipherPass') },
        removeEncryption: STRICT, retentionFull: STRICT, retentionType: STRICT,
        compressType: STRICT, processMax: STRICT, backupStandby: STRICT, fullEveryHours: STRICT, diffEveryHours: STRICT, incrEveryHours: STRICT, scheduleOn: STRICT,
        drillHostId: OPTIONAL, drillEveryDays: STRICT,
        smokeTestSql: { ...ANY, stored: async () => (await (await db()).backupPlan.findUnique({ where: { clusterId: ids.main }, select: { smokeTestSql: true } }))?.smokeTestSql ?? null },
      },
    },
    // No backup plan in the fixture: the requests refuse the baselines before any host is read, and a hostile value is refused by the form first.
    startEnableBackups: { form: { clusterId: String(ids.main), allowRestart: 'on' }, fields: { clusterId: STRICT, allowRestart: STRICT } },
    startBackup: { form: { clusterId: String(ids.main), type: 'full', repository: '1' }, fields: { clusterId: STRICT, type: STRICT, repository: STRICT } },
    startRestore: {
      form: restoreForm,
      fields: { clusterId: STRICT, hostId: STRICT, targetKind: STRICT, targetValue: STRICT, action: STRICT, repository: STRICT, confirm: TYPED_CONFIRMATION, reason: TYPED_CONFIRMATION },
    },
    startRestoreDrill: { form: { clusterId: String(ids.main), repository: '', reason: 'monthly drill' }, fields: { clusterId: STRICT, repository: STRICT, reason: ANY } },
    startReplaceCluster: {
      form: { clusterId: String(ids.main), targetKind: 'time', targetValue: '2026-12-03T18:01:02Z', repository: '', confirmHost: 'pg1', confirmCluster: 'main', reason: 'a bad migration' },
      fields: { clusterId: STRICT, targetKind: STRICT, targetValue: STRICT, repository: STRICT, confirmHost: TYPED_CONFIRMATION, confirmCluster: TYPED_CONFIRMATION, reason: TYPED_CONFIRMATION },
    },
  };
}
