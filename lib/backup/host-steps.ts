import { StepFailure, type Step, type StepContext } from '@/lib/replication/engine/types';
import { asArgument, sh, shellQuote, type ShellCommand } from '@/lib/ssh/shell';
import { caFilePath, databaseHostConfig, repositoryHostConfig, REPOSITORY_USER, stanzaConfigPath } from './config-file';
import { parseVersion, repositoryUserCommand, sameFileCommand, versionCommand, writeFileCommand } from './commands';
import { explainBackrestLines } from './errors';
import { repositoryPathProblem } from './repository-path';
import { authorizeKeyCommand, ensureKeyPairCommand, keyFingerprint, knownHostCommand, parsePublicKey, readHostKeyCommand, sshClientConfigCommand, sshReachesCommand, trustTag } from './trust';
import type { BackupHost, BackupMember, BackupSetup, RepositorySpec, SecretsByRepository } from './types';

/** The last line of stderr (or stdout) of a failed command, for a step's outcome. */
export function lastLine(result: { readonly stdout: string; readonly stderr: string; readonly code: number | null }): string {
  const lines = `${result.stdout}\n${result.stderr}`.split('\n').map((text) => text.trim()).filter(Boolean);
  return explainBackrestLines(lines) ?? lines.filter((text) => /ERROR|error|denied|not /i.test(text)).at(-1) ?? lines.at(-1) ?? `exit ${result.code ?? 'signal'}`;
}

const FILE_LINE = /\((\d+(?:\.\d+)?)(B|KB|MB|GB|TB), (\d{1,3}(?:\.\d+)?)%\)/;
const UNIT_BYTES: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/**
 * Turns pgBackRest's per-file detail lines (`backup file … (192KB, 16.78%)`, `restore file …`)
 * into progress in bytes: the files' sizes added up, and the whole estimated from the
 * percentage pgBackRest prints (it copies the largest files first, so early figures move in
 * large steps). One tracker per run.
 */
export function fileProgress(ctx: Pick<StepContext, 'progress'>, label: string): (line: string) => void {
  let done = 0;
  return (line) => {
    const match = FILE_LINE.exec(line);
    if (!match?.[1] || !match[2] || !match[3]) return;
    done += Number(match[1]) * (UNIT_BYTES[match[2]] ?? 1);
    const percent = Number(match[3]);
    ctx.progress({ done: Math.round(done), total: percent > 0 ? Math.max(Math.round(done), Math.round((done * 100) / percent)) : null, unit: 'bytes', label });
  };
}

/** Runs a root command on a host, recording it, streaming its output; fails the step with `what` and the command's last line. */
export async function rootRun(ctx: StepContext, host: string, command: ShellCommand, what: string, options: { readonly stdin?: string; readonly shown?: string; readonly timeoutMs?: number; readonly onLine?: (line: string) => void } = {}): Promise<string> {
  ctx.record(`[${host} as root] ${options.shown ?? command.text}`);
  const result = await ctx.shell.exec(host, command, {
    as: 'root',
    signal: ctx.signal,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    onLine: (text) => { ctx.log(text); options.onLine?.(text); },
  });
  if (result.code !== 0) throw new StepFailure(`${what} failed on ${host}: ${lastLine(result)}`);
  return result.stdout;
}

/** The hosts that run pgBackRest for a setup: every member and the repository host. */
export function backupHosts(setup: BackupSetup): BackupHost[] {
  const repository = setup.repositories.find((entry) => entry.kind === 'host')?.host;
  return repository && !setup.members.some((member) => member.hostId === repository.hostId) ? [...setup.members, repository] : [...setup.members];
}

/** pgBackRest is installed on every host, in one version (hosts of two versions refuse each other's protocol). */
export function versionStep(hosts: readonly BackupHost[]): Step {
  return {
    name: `Check pgBackRest on ${hosts.map((host) => host.name).join(', ')}`,
    host: null,
    deadlineMs: 60_000,
    describe: () => ({ commands: hosts.map((host) => `[${host.name}] ${versionCommand.text}`) }),
    check: async () => false,
    async run(ctx) {
      const versions = new Map<string, string>();
      const missing: string[] = [];
      // Every host at once; the answers are then taken in the hosts' order.
      const answers = await Promise.all(hosts.map(async (host) => {
        ctx.record(`[${host.name}] ${versionCommand.text}`);
        return { host, result: await ctx.shell.exec(host.name, versionCommand, { as: 'login', signal: ctx.signal }) };
      }));
      for (const { host, result } of answers) {
        const version = parseVersion(result.stdout);
        if (result.code !== 0 || !version) missing.push(host.name);
        else versions.set(host.name, version);
        ctx.log(`${host.name}: ${version ? `pgBackRest ${version}` : 'not installed'}`);
      }
      if (missing.length > 0) throw new StepFailure(`pgBackRest is not installed on ${missing.join(', ')}: install it there (apt-get install pgbackrest), then start again. Tandem never installs packages itself.`);
      const distinct = [...new Set(versions.values())];
      if (distinct.length > 1) throw new StepFailure(`pgBackRest differs between hosts (${[...versions].map(([name, version]) => `${name} ${version}`).join(', ')}): pgBackRest refuses a peer of another version, so install one version on every host.`);
    },
    verify: async () => undefined,
  };
}

/** The repository host's account, repository directory and log directory. */
export function repositoryUserStep(repository: RepositorySpec & { readonly host: BackupHost }): Step {
  const command = repositoryUserCommand(repository.path);
  return {
    name: `Prepare the repository on ${repository.host.name}`,
    host: repository.host.name,
    deadlineMs: 60_000,
    describe: () => ({ commands: [`[${repository.host.name} as root] ${command.text}`] }),
    check: async () => false,
    async run(ctx) {
      const problem = repositoryPathProblem(repository.path, 'host');
      if (problem) throw new StepFailure(problem);
      await rootRun(ctx, repository.host.name, command, 'Preparing the repository');
    },
    verify: async () => undefined,
  };
}

async function pinnedHostKey(ctx: StepContext, host: BackupHost): Promise<{ type: string; base64: string }> {
  const command = readHostKeyCommand(host.hostKeyType);
  const key = parsePublicKey(await rootRun(ctx, host.name, command, 'Reading the SSH host key'));
  if (!key || keyFingerprint(key.base64) !== host.hostKeyFingerprint.replace(/=+$/, '')) {
    throw new StepFailure(`${host.name}'s host key file does not hold the key Tandem pinned (${host.hostKeyFingerprint}): check the host's keys, then Test connection again.`);
  }
  return key;
}

async function keyPair(ctx: StepContext, host: BackupHost, user: string, stanza: string): Promise<{ type: string; base64: string }> {
  const key = parsePublicKey(await rootRun(ctx, host.name, ensureKeyPairCommand(user, `${user}@${host.name} ${trustTag(stanza, host.name)}`), `Making ${user}'s SSH key`));
  if (!key) throw new StepFailure(`${user}'s public key on ${host.name} could not be read.`);
  return key;
}

/**
 * SSH trust both ways between the repository host (account pgbackrest) and a database host
 * (postgres): keys made on each host, authorized for the peer's address only, host keys as
 * pinned in Tandem's inventory; proven by an ssh each way that may not ask anything.
 */
export function trustStep(stanza: string, repository: BackupHost, database: BackupHost): Step {
  return {
    name: `SSH trust between ${repository.name} and ${database.name}`,
    host: database.name,
    deadlineMs: 120_000,
    describe: () => ({
      commands: [
        `[${repository.name} as root] ${ensureKeyPairCommand(REPOSITORY_USER, `${REPOSITORY_USER}@${repository.name}`).text}`,
        `[${database.name} as root] ${ensureKeyPairCommand('postgres', `postgres@${database.name}`).text}`,
        `[${repository.name}] authorize postgres@${database.name}'s key for ${REPOSITORY_USER}, from ${database.address} only (restrict); known_hosts: ${database.address} with the pinned ${database.hostKeyFingerprint}`,
        `[${database.name}] authorize ${REPOSITORY_USER}@${repository.name}'s key for postgres, from ${repository.address} only (restrict); known_hosts: ${repository.address} with the pinned ${repository.hostKeyFingerprint}`,
        `[both] ~/.ssh/config for the peer: ConnectTimeout 10, ServerAliveInterval 10, ServerAliveCountMax 3`,
        `[${database.name} as root] ${sshReachesCommand('postgres', REPOSITORY_USER, repository.address).text}`,
        `[${repository.name} as root] ${sshReachesCommand(REPOSITORY_USER, 'postgres', database.address).text}`,
      ],
    }),
    async check(ctx) {
      // Both ways at once: each is an ssh login of its own.
      const [there, back] = await Promise.all([
        ctx.shell.exec(database.name, sshReachesCommand('postgres', REPOSITORY_USER, repository.address), { as: 'root', signal: ctx.signal, timeoutMs: 20_000 }),
        ctx.shell.exec(repository.name, sshReachesCommand(REPOSITORY_USER, 'postgres', database.address), { as: 'root', signal: ctx.signal, timeoutMs: 20_000 }),
      ]);
      return there.code === 0 && back.code === 0;
    },
    async run(ctx) {
      const repositoryKey = await keyPair(ctx, repository, REPOSITORY_USER, stanza);
      const databaseKey = await keyPair(ctx, database, 'postgres', stanza);
      const repositoryHostKey = await pinnedHostKey(ctx, repository);
      const databaseHostKey = await pinnedHostKey(ctx, database);
      const toRepository = trustTag(stanza, database.name);
      const toDatabase = trustTag(stanza, repository.name);
      await rootRun(ctx, repository.name, authorizeKeyCommand(REPOSITORY_USER, databaseKey, database.address, toRepository), 'Authorizing the key');
      await rootRun(ctx, repository.name, knownHostCommand(REPOSITORY_USER, database.address, databaseHostKey, toRepository), 'Recording the host key');
      await rootRun(ctx, database.name, authorizeKeyCommand('postgres', repositoryKey, repository.address, toDatabase), 'Authorizing the key');
      await rootRun(ctx, database.name, knownHostCommand('postgres', repository.address, repositoryHostKey, toDatabase), 'Recording the host key');
      await rootRun(ctx, repository.name, sshClientConfigCommand(REPOSITORY_USER, database.address, toRepository), 'Writing the ssh client settings');
      await rootRun(ctx, database.name, sshClientConfigCommand('postgres', repository.address, toDatabase), 'Writing the ssh client settings');
    },
    async verify(ctx) {
      await Promise.all([
        rootRun(ctx, database.name, sshReachesCommand('postgres', REPOSITORY_USER, repository.address), `ssh to ${REPOSITORY_USER}@${repository.address}`, { timeoutMs: 20_000 }),
        rootRun(ctx, repository.name, sshReachesCommand(REPOSITORY_USER, 'postgres', database.address), `ssh to postgres@${database.address}`, { timeoutMs: 20_000 }),
      ]);
      return `${repository.name} and ${database.name} reach each other by key, each checking the other's pinned host key.`;
    },
  };
}

/**
 * The shell lines that give pgBackRest one object-storage repository as `repo1` through its
 * environment (values quoted, read from stdin), so it can be tried before any file is written.
 */
function probeEnvironment(repository: RepositorySpec, secrets: SecretsByRepository): string {
  const s3 = repository.s3;
  if (!s3) throw new TypeError(`repo${repository.number} is not object storage`);
  const key = secrets[repository.number];
  const values: Record<string, string | number> = {
    PGBACKREST_REPO1_TYPE: 's3', PGBACKREST_REPO1_PATH: repository.path, PGBACKREST_REPO1_S3_ENDPOINT: s3.endpoint, PGBACKREST_REPO1_STORAGE_PORT: s3.port,
    PGBACKREST_REPO1_S3_BUCKET: s3.bucket, PGBACKREST_REPO1_S3_REGION: s3.region, PGBACKREST_REPO1_S3_URI_STYLE: s3.pathStyle ? 'path' : 'host',
    PGBACKREST_REPO1_S3_KEY: key?.s3Key ?? '', PGBACKREST_REPO1_S3_KEY_SECRET: key?.s3Secret ?? '',
    ...(s3.verifyTls ? {} : { PGBACKREST_REPO1_STORAGE_VERIFY_TLS: 'n' }),
    ...(s3.verifyTls && s3.caCertificate ? { TANDEM_CA: s3.caCertificate.trim() } : {}),
  };
  return `${Object.entries(values).map(([name, value]) => `${name}=${shellQuote(value)}`).join('\n')}\n`;
}

/** Lists the repository's path with pgBackRest, configured only from stdin (quoted assignments, read from the inherited descriptor: the account may not open the channel's /dev/stdin); the CA (if any) goes to a temporary file. */
const PROBE_SCRIPT = sh`set -a; eval "$(cat)"; set +a
if [ -n "$TANDEM_CA" ]; then ca=$(mktemp); trap 'rm -f "$ca"' EXIT; printf '%s\n' "$TANDEM_CA" > "$ca"; export PGBACKREST_REPO1_STORAGE_CA_FILE="$ca"; fi
pgbackrest --config=/dev/null --log-level-console=warn repo-ls >/dev/null`;

/**
 * Reaches an object-storage repository from the host backups run on, with the key, secret,
 * bucket and TLS settings as given, before any host's files are written: wrong credentials, a
 * bucket that does not exist or a certificate that does not match fail here, with nothing changed.
 */
export function probeRepositoryStep(runner: { readonly host: string; readonly user: string }, repository: RepositorySpec, secrets: () => Promise<SecretsByRepository>): Step {
  const command = sh`cd / && runuser -u ${runner.user} -- sh -c ${asArgument(PROBE_SCRIPT)}`;
  return {
    name: `Reach repo${repository.number} (${repository.s3?.bucket ?? ''} at ${repository.s3?.endpoint ?? ''})`,
    host: runner.host,
    deadlineMs: 120_000,
    describe: () => ({ commands: [`[${runner.host} as ${runner.user}] pgbackrest --config=/dev/null repo-ls, with repo${repository.number}'s settings on stdin (key and secret redacted)`] }),
    check: async () => false,
    async run(ctx) {
      await rootRun(ctx, runner.host, command, `Reaching repo${repository.number}`, { stdin: probeEnvironment(repository, await secrets()), shown: `pgbackrest --config=/dev/null repo-ls  (repo${repository.number} from stdin)`, timeoutMs: 110_000 });
    },
    verify: async () => `repo${repository.number} answers with these credentials.`,
  };
}

/** The files one host gets: its stanza section, and the CA certificate of each object storage that names one. */
function hostFiles(setup: BackupSetup, secrets: SecretsByRepository, role: { readonly kind: 'repository' } | { readonly kind: 'database'; readonly pg: Pick<BackupMember, 'dataDirectory' | 'pgPort'> }): { path: string; content: string }[] {
  const config = role.kind === 'repository' ? repositoryHostConfig(setup, secrets) : databaseHostConfig(setup, secrets, role.pg);
  const cas = setup.repositories.filter((repository) => repository.s3?.verifyTls && repository.s3.caCertificate)
    .map((repository) => ({ path: caFilePath(setup.stanza, repository.number), content: `${repository.s3?.caCertificate?.trim() ?? ''}\n` }));
  return [...cas, { path: stanzaConfigPath(setup.stanza), content: config }];
}

/**
 * Writes Tandem's pgBackRest files on one host, readable by the account that runs pgBackRest
 * there. The record shows the file with its secrets redacted (the engine redacts every
 * secret of the plan); the content goes over stdin, never on a command line.
 */
export function configStep(setup: BackupSetup, secrets: () => Promise<SecretsByRepository>, host: BackupHost, role: { readonly kind: 'repository' } | { readonly kind: 'database'; readonly pg: Pick<BackupMember, 'dataDirectory' | 'pgPort'> }, shownSecrets: SecretsByRepository): Step {
  const group = role.kind === 'repository' ? REPOSITORY_USER : 'postgres';
  const shown = hostFiles(setup, shownSecrets, role);
  return {
    name: `Write pgBackRest's configuration on ${host.name}`,
    host: host.name,
    deadlineMs: 60_000,
    describe: () => ({ commands: shown.flatMap((file) => [`[${host.name} as root] ${writeFileCommand(file.path, group).text}`, `${file.path}:\n${file.content}`]) }),
    async check(ctx) {
      const files = hostFiles(setup, await secrets(), role);
      const same = await Promise.all(files.map((file) => ctx.shell.exec(host.name, sameFileCommand(file.path), { as: 'root', stdin: file.content, signal: ctx.signal })));
      return same.every((result) => result.code === 0);
    },
    async run(ctx) {
      for (const file of hostFiles(setup, await secrets(), role)) {
        await rootRun(ctx, host.name, writeFileCommand(file.path, group), `Writing ${file.path}`, { stdin: file.content });
      }
    },
    async verify(ctx) {
      for (const file of hostFiles(setup, await secrets(), role)) {
        const same = await ctx.shell.exec(host.name, sameFileCommand(file.path), { as: 'root', stdin: file.content, signal: ctx.signal });
        if (same.code !== 0) throw new StepFailure(`${file.path} on ${host.name} does not hold what Tandem wrote.`);
      }
      return `${stanzaConfigPath(setup.stanza)} written, readable by ${group} only.`;
    },
  };
}
