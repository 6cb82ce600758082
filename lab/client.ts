/**
 * Client for the lab of real hosts (lab/lab.sh), for tests and benchmarks.
 * Everything runs lab.sh through execFile (no shell); the lab itself needs root.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const LAB_DIR = path.dirname(fileURLToPath(import.meta.url));
export const LAB_SCRIPT = path.join(LAB_DIR, 'lab.sh');
export const LAB_SUBNET = '10.88.0.0/24';
export const LAB_BRIDGE = 'tdm-br0';

const HOST_NAME = /^pg[1-9][0-9]?$/;
const LAB_ADDRESS = /^10\.88\.0\.([1-9][0-9]{0,2})$/;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** The lab's state directory: `TANDEM_LAB_STATE`, or `lab/.state`. */
export function labStateDir(): string {
  const fromEnv = process.env.TANDEM_LAB_STATE;
  return fromEnv ? path.resolve(fromEnv) : path.join(LAB_DIR, '.state');
}

export function labStateFile(): string {
  return path.join(labStateDir(), 'hosts.json');
}

/** The lab images a host can boot from (lab/lib/image.sh); any other host runs on the machine's own root (Debian 12, PostgreSQL 15). */
export const LAB_IMAGES = ['bookworm-pg15', 'trixie-pg17', 'sid-pg18', 'trixie-pg17-pgdata'] as const;
export type LabImage = (typeof LAB_IMAGES)[number];

export const labHostSchema = z.object({
  name: z.string().regex(HOST_NAME),
  address: z.string().regex(LAB_ADDRESS),
  sshPort: z.number().int().positive(),
  pgPort: z.number().int().positive(),
  hostKeyType: z.literal('ssh-ed25519'),
  hostKeyFingerprint: z.string().regex(FINGERPRINT),
  currentHostKeyFingerprint: z.string().regex(FINGERPRINT),
  currentHostKey: z.string().startsWith('ssh-ed25519 '),
  /** The lab image the host boots from; null for the machine's own root (Debian 12). */
  image: z.enum(LAB_IMAGES).nullable().default(null),
  pgMajor: z.number().int().min(10).default(15),
  /** Debian's packaging (pg_ctlcluster, /etc/postgresql) or PGDG's PGDATA-only layout (lab/lib/pg-control.sh). */
  pgLayout: z.enum(['debian', 'pgdata']).default('debian'),
});

export const labUserSchema = z.object({
  name: z.string().min(1),
  password: z.string().min(1),
  sudo: z.enum(['nopasswd', 'password']),
});

export const labStateSchema = z.object({
  version: z.literal(1),
  subnet: z.literal(LAB_SUBNET),
  bridge: z.string(),
  gateway: z.string(),
  privateKeyPath: z.string().min(1),
  publicKeyPath: z.string().min(1),
  knownHostsPath: z.string().min(1),
  users: z.array(labUserSchema),
  hosts: z.array(labHostSchema).min(1),
});

export const labHostStatusSchema = z.object({
  name: z.string().regex(HOST_NAME),
  address: z.string().regex(LAB_ADDRESS),
  namespace: z.boolean(),
  pid1: z.number().int().positive().nullable(),
  running: z.boolean(),
  link: z.enum(['up', 'down', 'missing']),
  sshd: z.boolean(),
  postgres: z.enum(['running', 'stopped', 'unknown']),
  inRecovery: z.boolean().nullable(),
});

export type LabHost = z.infer<typeof labHostSchema>;
export type LabUser = z.infer<typeof labUserSchema>;
export type LabState = z.infer<typeof labStateSchema>;
export type LabHostStatus = z.infer<typeof labHostStatusSchema>;

export interface LabResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface LabRunOptions {
  /** Written to the command's standard input, which is then closed. */
  readonly input?: string;
  readonly timeoutMs?: number;
  /** ssh's connect timeout for `labSsh` (TANDEM_LAB_SSH_TIMEOUT, default 5 s). */
  readonly connectTimeoutSeconds?: number;
}

export class LabError extends Error {
  constructor(message: string, readonly result?: LabResult) {
    super(message);
    this.name = 'LabError';
  }
}

/** Runs `bash lab/lab.sh ...args`; resolves with the exit code (never rejects on a non-zero one). */
export function runLab(args: readonly string[], options: LabRunOptions = {}): Promise<LabResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'bash',
      [LAB_SCRIPT, ...args],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 120_000,
        env: options.connectTimeoutSeconds === undefined
          ? process.env
          : { ...process.env, TANDEM_LAB_SSH_TIMEOUT: String(Math.max(1, Math.ceil(options.connectTimeoutSeconds))) },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        if (typeof error.code === 'number') return resolve({ code: error.code, stdout, stderr });
        const why = error.killed ? `timed out or was killed (${error.signal ?? 'no signal'})` : error.message;
        reject(new LabError(`lab.sh ${args.join(' ')}: ${why}\n${stderr}`, { code: -1, stdout, stderr }));
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

async function runLabOrThrow(args: readonly string[], options: LabRunOptions = {}): Promise<LabResult> {
  const result = await runLab(args, options);
  if (result.code !== 0) {
    throw new LabError(`lab.sh ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`, result);
  }
  return result;
}

function checkHostName(host: string): string {
  if (!HOST_NAME.test(host)) throw new LabError(`not a lab host name: ${JSON.stringify(host)}`);
  return host;
}

/**
 * The cells of the version matrix: what each of pg1..pg3 boots from. `bookworm-pg15` is the
 * machine's own root (Debian 12, PostgreSQL 15), as every other lab test runs; `mixed-majors`
 * puts a PostgreSQL 17 host beside two 15 ones. A test file `lib/matrix/<cell>.lab.test.ts`
 * runs on its cell's lab (lab/vitest-file-setup.ts).
 */
export const LAB_CELLS = {
  'bookworm-pg15': {},
  'trixie-pg17': { pg1: 'trixie-pg17', pg2: 'trixie-pg17', pg3: 'trixie-pg17' },
  'sid-pg18': { pg1: 'sid-pg18', pg2: 'sid-pg18', pg3: 'sid-pg18' },
  'trixie-pg17-pgdata': { pg1: 'trixie-pg17-pgdata', pg2: 'trixie-pg17-pgdata', pg3: 'trixie-pg17-pgdata' },
  'mixed-majors': { pg2: 'trixie-pg17' },
} as const satisfies Record<string, Readonly<Record<string, LabImage>>>;
export type LabCell = keyof typeof LAB_CELLS;

/** The cell a lab test file names (`lib/matrix/<cell>.lab.test.ts`), or null for any other file. */
export function labCellOfFile(path: string): LabCell | null {
  const name = /(?:^|\/)lib\/matrix\/([a-z0-9-]+)\.lab\.test\.ts$/.exec(path)?.[1];
  return name !== undefined && Object.hasOwn(LAB_CELLS, name) ? (name as LabCell) : null;
}

/** Reads `pg1=trixie-pg17,pg2=trixie-pg17` (TANDEM_LAB_IMAGES); throws on a name that is not a lab image. */
export function parseLabImageSpec(text: string): Record<string, LabImage> {
  const images: Record<string, LabImage> = {};
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [host = '', image = ''] = entry.split('=');
    if (!HOST_NAME.test(host) || !(LAB_IMAGES as readonly string[]).includes(image)) throw new LabError(`not a lab host=image pair: ${JSON.stringify(entry)} (images: ${LAB_IMAGES.join(', ')})`);
    images[host] = image as LabImage;
  }
  return images;
}

/** `pg1=trixie-pg17,pg2=trixie-pg17` as `lab up` takes it. */
export function labImageSpec(images: Readonly<Record<string, LabImage>>): string {
  return Object.entries(images).map(([host, image]) => `${host}=${image}`).join(',');
}

/**
 * Brings up `hosts` lab hosts (pg1..pgN); `fresh` wipes their data first; `images` boots the
 * named hosts from lab images (built once, cached outside the repository). Returns the state file.
 */
export async function labUp(hosts = 3, options: { readonly fresh?: boolean; readonly images?: Readonly<Record<string, LabImage>> } = {}): Promise<LabState> {
  const spec = options.images && Object.keys(options.images).length > 0 ? [labImageSpec(options.images)] : [];
  const args = ['up', String(hosts), ...(options.fresh ? ['--fresh'] : []), ...spec];
  // Building an image that is not cached yet takes a minute or two.
  await runLabOrThrow(args, { timeoutMs: spec.length > 0 ? 900_000 : 300_000 });
  return readLabState();
}

/** Stops and removes every lab host, the bridge and the namespaces; `purge` also deletes the state. */
export async function labDown(options: { readonly purge?: boolean } = {}): Promise<void> {
  await runLabOrThrow(['down', ...(options.purge ? ['--purge'] : [])], { timeoutMs: 180_000 });
}

export async function labStatus(): Promise<LabHostStatus[]> {
  const { stdout } = await runLabOrThrow(['status', '--json']);
  return z.array(labHostStatusSchema).parse(JSON.parse(stdout));
}

export type LabFaultVerb =
  | 'stop' | 'start' | 'crash' | 'pg-stop' | 'pg-start' | 'pg-kill' | 'partition' | 'heal' | 'rekey';

/** Runs a fault verb against one host; throws when lab.sh fails. */
export function labVerb(verb: LabFaultVerb, host: string, ...args: string[]): Promise<LabResult> {
  return runLabOrThrow([verb, checkHostName(host), ...args], { timeoutMs: 120_000 });
}

const done = async (p: Promise<LabResult>): Promise<void> => { await p; };

/** Clean shutdown: PostgreSQL fast stop, then every process of the host ends; its NIC goes down. */
export const stopHost = (host: string): Promise<void> => done(labVerb('stop', host));
/** Boots a stopped or crashed host with its data and host keys; waits for sshd and PostgreSQL. */
export const startHost = (host: string): Promise<void> => done(labVerb('start', host));
/** Power cut: partition, then kill the host's PID 1 (all its processes die at once). */
export const crash = (host: string): Promise<void> => done(labVerb('crash', host));
export const pgStop = (host: string): Promise<void> => done(labVerb('pg-stop', host));
export const pgStart = (host: string): Promise<void> => done(labVerb('pg-start', host));
/** kill -9 of the postmaster (nothing restarts it). */
export const pgKill = (host: string): Promise<void> => done(labVerb('pg-kill', host));
export const partition = (host: string): Promise<void> => done(labVerb('partition', host));
export const heal = (host: string): Promise<void> => done(labVerb('heal', host));
/** New sshd host keys (or, with `restore`, the original ones); updates currentHostKeyFingerprint. */
export const rekey = (host: string, options: { readonly restore?: boolean } = {}): Promise<void> =>
  done(labVerb('rekey', host, ...(options.restore ? ['--restore'] : [])));

/**
 * Runs a shell command line on the host as root over real ssh (lab key, host key pinned
 * through the lab's known_hosts). Resolves with ssh's exit code: 255 means ssh itself failed.
 */
export function labSsh(host: string, cmd: string, options: LabRunOptions = {}): Promise<LabResult> {
  return runLab(['ssh', checkHostName(host), cmd], options);
}

/** Runs argv inside the host's namespaces (nsenter), without ssh. */
export function labExec(host: string, argv: readonly string[], options: LabRunOptions = {}): Promise<LabResult> {
  if (argv.length === 0) throw new LabError('labExec: empty argv');
  return runLab(['exec', checkHostName(host), ...argv], options);
}

/** One value from psql as postgres on a lab host, over ssh (the query must not contain double quotes). */
export async function labSql(host: string, query: string): Promise<string> {
  assertLabAddress(labHost(host).address);
  const result = await labSsh(host, `cd / && runuser -u postgres -- psql -XAtc "${query}"`);
  if (result.code !== 0) throw new LabError(`psql on ${host} failed: ${result.stderr.trim()}`, result);
  return result.stdout.trim();
}

/**
 * psql as postgres run inside the host's namespace, not over SSH: it answers while the host is
 * cut off from the network (partition) or its sshd is down.
 */
export async function labPsqlInside(host: string, query: string): Promise<string> {
  const result = await labExec(host, ['runuser', '-u', 'postgres', '--', 'psql', '-XAtc', query]);
  if (result.code !== 0) throw new LabError(`psql inside ${host} failed: ${result.stderr.trim()}`, result);
  return result.stdout.trim();
}

/** The parsed state file; throws when the lab was never brought up or the file is malformed. */
export function readLabState(): LabState {
  let text: string;
  try {
    text = readFileSync(labStateFile(), 'utf8');
  } catch (cause) {
    throw new LabError(`no lab state at ${labStateFile()} (run: npm run lab -- up): ${String(cause)}`);
  }
  return labStateSchema.parse(JSON.parse(text));
}

export function readLabHosts(): LabHost[] {
  return readLabState().hosts;
}

/** Where the host's cluster lives: Debian's `main` of its major, or PGDG's PGDATA (configuration inside it). */
export function labClusterPaths(name: string): { readonly major: number; readonly layout: 'debian' | 'pgdata'; readonly dataDirectory: string; readonly configDirectory: string } {
  const { pgMajor, pgLayout } = labHost(name);
  if (pgLayout === 'pgdata') {
    const dataDirectory = `/var/lib/pgsql/${pgMajor}/data`;
    return { major: pgMajor, layout: pgLayout, dataDirectory, configDirectory: dataDirectory };
  }
  return { major: pgMajor, layout: pgLayout, dataDirectory: `/var/lib/postgresql/${pgMajor}/main`, configDirectory: `/etc/postgresql/${pgMajor}/main` };
}

export function labHost(name: string, state: LabState = readLabState()): LabHost {
  const host = state.hosts.find((h) => h.name === name);
  if (!host) throw new LabError(`no lab host named ${JSON.stringify(name)}`);
  return host;
}

export function labUser(name: string, state: LabState = readLabState()): LabUser {
  const user = state.users.find((u) => u.name === name);
  if (!user) throw new LabError(`no lab user named ${JSON.stringify(name)}`);
  return user;
}

export function labPrivateKeyPath(state: LabState = readLabState()): string {
  return state.privateKeyPath;
}

/** The lab's OpenSSH private key (ed25519), authorized for root on every host. */
export function readLabPrivateKey(state: LabState = readLabState()): string {
  return readFileSync(state.privateKeyPath, 'utf8');
}

/** True only for an address of a lab host recorded in the state (in 10.88.0.0/24). */
export function isLabAddress(address: string, state?: LabState): boolean {
  const match = LAB_ADDRESS.exec(address);
  if (!match || Number(match[1]) > 254) return false;
  const hosts = (state ?? readLabState()).hosts;
  return hosts.some((h) => h.address === address);
}

/**
 * Guard for tests and benchmarks that touch hosts: throws unless `address` is one of the
 * lab's own host addresses. Pass `state` to check against a given lab description.
 */
export function assertLabAddress(address: string, state?: LabState): void {
  if (!isLabAddress(address, state)) {
    throw new LabError(`refusing to touch ${JSON.stringify(address)}: not a lab host address (${LAB_SUBNET})`);
  }
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function linkOf(file: string): string | null {
  try {
    return readlinkSync(file);
  } catch {
    return null;
  }
}

/** Processes of the lab still alive (zombies waiting for the machine's init to reap them don't count). */
function labProcesses(): string[] {
  const initScript = path.join(LAB_DIR, 'lib', 'host-init.sh');
  const ourPidNs = linkOf('/proc/self/ns/pid');
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    const status = readText(`/proc/${entry}/status`);
    if (!status || /^State:\s+Z/m.test(status)) continue;
    const cmdline = (readText(`/proc/${entry}/cmdline`) ?? '').split('\0').join(' ').trim();
    const pidNs = linkOf(`/proc/${entry}/ns/pid`);
    const otherPidNs = ourPidNs !== null && pidNs !== null && pidNs !== ourPidNs;
    if (cmdline.includes(initScript) || otherPidNs) found.push(`process ${entry}: ${cmdline}`);
  }
  return found;
}

/**
 * Everything the lab may leave behind after `down`: network namespaces named pgN, the
 * bridge and tdm-* links, mounts under the state dir or /run/netns/pgN, lab processes.
 */
export async function findLabLeftovers(): Promise<string[]> {
  const leftovers: string[] = [];
  const ip = await new Promise<string>((resolve) => {
    execFile('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }, (_e, stdout) => resolve(stdout));
  });
  for (const line of ip.split('\n')) {
    const name = /^\d+:\s+([^:@\s]+)/.exec(line)?.[1];
    if (name && (name === LAB_BRIDGE || name.startsWith('tdm-'))) leftovers.push(`link ${name}`);
  }
  const netnsDir = (() => {
    try {
      return readdirSync('/run/netns');
    } catch {
      return [];
    }
  })();
  for (const name of netnsDir) if (HOST_NAME.test(name)) leftovers.push(`network namespace ${name}`);
  const stateDir = labStateDir();
  for (const line of (readText('/proc/self/mountinfo') ?? '').split('\n')) {
    const mountPoint = line.split(' ')[4];
    if (!mountPoint) continue;
    if (mountPoint === stateDir || mountPoint.startsWith(`${stateDir}/`) || /^\/run\/netns\/pg\d+$/.test(mountPoint)) {
      leftovers.push(`mount ${mountPoint}`);
    }
  }
  leftovers.push(...labProcesses());
  return leftovers;
}
