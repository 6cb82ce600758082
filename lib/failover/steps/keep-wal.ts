import { z } from 'zod';
import { formatBytes } from '@/lib/format/bytes';
import { pgText, sql } from '@/lib/pg/sql';
import { StepFailure, type Step, type StepContext } from '@/lib/replication/engine/types';
import { standbyLayout } from '@/lib/replication/standby-files';
import { sh, type ShellCommand } from '@/lib/ssh/shell';
import type { FailoverCluster, FailoverMember } from '../plan-types';
import { controlWal, historyFileName, switchPoint, walSegmentName } from '../wal-fork';
import { bindir, controldataCommand } from './rewind';
import { standbyConfiguredCommand } from './standby';
import { sqlRow } from './sql';

const TIMELINE_SQL = sql`SELECT timeline_id FROM pg_control_checkpoint()`;
const TIMELINE_ROW = z.object({ timeline_id: pgText.int });
/** What the copy must leave free beside the data directory: pg_rewind writes there next, and so does the server once it runs. */
const KEEP_RESERVE_BYTES = 256 * 1024 * 1024;
/** Sorts before every WAL file name: all segments, when the fork cannot be read. */
const ALL_SEGMENTS = '000000000000000000000000';

/** Where the copy goes: `<datadir>.tandem-rewind-<stamp>`, beside the data directory on the same file system. */
export function keptWalPath(dataDirectory: string, stamp: string): string {
  return `${dataDirectory}.tandem-rewind-${stamp}`;
}

/** The files of pg_wal (run inside it) from segment `first` on, and every timeline history, one name a line. */
function selected(first: string): ShellCommand {
  return sh`ls -1 | grep -E '^[0-9A-F]{24}(\.partial)?$|^[0-9A-F]{8}\.history$' | awk -v first=${first} '/history$/ || ("" $0) >= first'`;
}

/** Prints `<bytes of the selected files> <bytes free beside the data directory>`. */
function measureCommand(dataDirectory: string, first: string): ShellCommand {
  const parent = dataDirectory.slice(0, dataDirectory.lastIndexOf('/')) || '/';
  return sh`set -e
cd -- ${`${dataDirectory}/pg_wal`}
need=$(${selected(first)} | while IFS= read -r f; do stat -c %s -- "$f"; done | awk '{ s += $1 } END { printf "%.0f\n", s }')
free=$(df -Pk -- ${parent} | awk 'NR == 2 { printf "%.0f\n", $4 * 1024 }')
echo "$need $free"`;
}

interface Fork {
  readonly timeline: number;
  /** Null when the upstream's history does not say where the member's timeline ended: every segment is kept. */
  readonly lsn: string | null;
}

function readingHint(cluster: FailoverCluster, member: FailoverMember, kept: string, fork: Fork): string {
  const dump = `${bindir(cluster, member)}/pg_waldump --path=${kept}/pg_wal --timeline=${fork.timeline}`;
  return fork.lsn ? `${dump} --start=${fork.lsn}` : `${dump} <a segment file in ${kept}/pg_wal>`;
}

/** Copies the selected WAL, global/pg_control and postgresql.auto.conf into `kept` (0700, the running user's), then its README, written last: the mark that the copy is whole. */
function copyCommand(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember, kept: string, first: string, fork: Fork, discarder: string): ShellCommand {
  const dir = member.dataDirectory;
  const auto = standbyLayout(dir, cluster.major).autoConf;
  const readme = [
    `WAL of ${member.name}, kept by Tandem before ${discarder} made it a standby of ${upstream.name}.`,
    fork.lsn
      ? `pg_wal/ holds its segments from the fork at ${fork.lsn} on timeline ${fork.timeline} on: what ${discarder} discards.`
      : `pg_wal/ holds all its segments: the fork from timeline ${fork.timeline} could not be read from ${upstream.name}'s history.`,
    `global/pg_control and postgresql.auto.conf are as they were before ${discarder}.`,
    `Read it with: ${readingHint(cluster, member, kept, fork)}`,
    'Tandem never deletes this directory; remove it once nobody needs what it holds.',
  ];
  return sh`set -e
umask 077
mkdir -p -- ${`${kept}/pg_wal`} ${`${kept}/global`}
chmod 0700 -- ${kept}
cd -- ${`${dir}/pg_wal`}
${selected(first)} | while IFS= read -r f; do cp -p -- "$f" ${`${kept}/pg_wal/`}; done
cp -p -- ${`${dir}/global/pg_control`} ${`${kept}/global/pg_control`}
if [ -f ${auto} ]; then cp -p -- ${auto} ${`${kept}/postgresql.auto.conf`}; fi
printf '%s\n' ${readme} > ${`${kept}/README`}
echo "kept $(du -sk -- ${kept} | cut -f 1) KiB in "${kept}`;
}

async function postgresOutput(ctx: StepContext, host: string, command: ShellCommand, what: string, timeoutMs = 5 * 60_000): Promise<string> {
  ctx.record(`[${host} as postgres] ${command.text}`);
  const result = await ctx.shell.exec(host, command, { as: 'postgres', signal: ctx.signal, timeoutMs });
  if (result.code !== 0) throw new StepFailure(`${what} failed on ${host}: ${result.stderr.trim().split('\n').at(-1) ?? `exit ${result.code ?? 'signal'}`}`);
  return result.stdout;
}

/** Where the member left the upstream's timeline history: its own timeline, from its control file, and the switch point from the upstream's history file. */
async function readFork(ctx: StepContext, cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember) {
  const control = controlWal(await postgresOutput(ctx, member.name, controldataCommand(cluster, member), 'pg_controldata'));
  if (!control) throw new StepFailure(`pg_controldata on ${member.name} did not give its timeline and WAL segment size; Tandem will not rewind WAL it cannot copy first.`);
  const upstreamTimeline = (await sqlRow(ctx, upstream.name, TIMELINE_SQL, TIMELINE_ROW))?.timeline_id ?? null;
  if (upstreamTimeline === control.timeline) return { control, fork: null };
  const history = upstreamTimeline === null ? '' : await postgresOutput(ctx, upstream.name, sh`cat -- ${`${upstream.dataDirectory}/pg_wal/${historyFileName(upstreamTimeline)}`}`, 'Reading the timeline history').catch((error: unknown) => {
    ctx.log(`${error instanceof Error ? error.message : String(error)}; keeping all of ${member.name}'s WAL segments`);
    return '';
  });
  return { control, fork: { timeline: control.timeline, lsn: switchPoint(history, control.timeline) } };
}

/**
 * Before pg_rewind (or `discarder`) discards what the stopped member wrote after it forked from the
 * upstream, keeps a copy: its WAL segments from the one holding the fork point on (the
 * switch point in the upstream's timeline history; every segment when that cannot be
 * read), its timeline histories, pg_control and postgresql.auto.conf, in
 * {@link keptWalPath} (owner postgres, 0700), which Tandem never deletes. Refuses when the
 * file system beside the data directory lacks room for the copy plus a reserve. Nothing
 * is copied when the member is on the upstream's timeline (it did not fork). Passed over
 * once the copy is whole (its README written) or the member is a standby of the upstream.
 */
export function keepWalStep(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember, stamp: string, discarder = 'pg_rewind'): Step {
  const kept = keptWalPath(member.dataDirectory, stamp);
  const done = sh`test -f ${`${kept}/README`} || { ${standbyConfiguredCommand(cluster, member, upstream)}; }`;
  let outcome = '';
  return {
    name: `Keep a copy of ${member.name}'s WAL since its fork from ${upstream.name}`,
    host: member.name,
    deadlineMs: 60 * 60_000,
    describe: () => ({
      commands: [
        `[${member.name} as postgres] ${controldataCommand(cluster, member).text}`,
        `[${upstream.name} as postgres] psql\n${TIMELINE_SQL}`,
        `[${upstream.name} as postgres] cat -- ${upstream.dataDirectory}/pg_wal/<its timeline>.history`,
        `[${member.name} as postgres] ${measureCommand(member.dataDirectory, '<segment of the fork>').text}`,
        `[${member.name} as postgres] copy pg_wal from the segment of the fork on, global/pg_control and postgresql.auto.conf into ${kept} (0700), then its README`,
      ],
    }),
    check: async (ctx) => (await ctx.shell.exec(member.name, done, { as: 'postgres', signal: ctx.signal })).code === 0,
    async run(ctx) {
      const { control, fork } = await readFork(ctx, cluster, member, upstream);
      if (!fork) {
        outcome = `${member.name} is on ${upstream.name}'s timeline ${control.timeline}: it did not fork, so ${discarder} discards nothing of its own and nothing was copied.`;
        return;
      }
      const first = fork.lsn ? walSegmentName(fork.timeline, fork.lsn, control.segmentBytes) : ALL_SEGMENTS;
      const measured = /^(\d+) (\d+)$/m.exec(await postgresOutput(ctx, member.name, measureCommand(member.dataDirectory, first), 'Measuring the WAL to keep'));
      if (!measured) throw new StepFailure(`Could not measure the WAL to keep on ${member.name} or the room beside its data directory.`);
      const need = Number(measured[1]);
      const free = Number(measured[2]);
      if (free < need + KEEP_RESERVE_BYTES) {
        throw new StepFailure(`${member.name} has ${formatBytes(free)} free beside its data directory, too little for a copy of its ${formatBytes(need)} of WAL since the fork with ${formatBytes(KEEP_RESERVE_BYTES)} to spare. That WAL would be discarded by ${discarder}, so Tandem went no further. Free space there and retry, or rejoin it with “Rebuild from a base backup” (its data directory is moved aside whole, never deleted).`);
      }
      ctx.log((await postgresOutput(ctx, member.name, copyCommand(cluster, member, upstream, kept, first, fork, discarder), 'Copying the WAL to keep', 50 * 60_000)).trim());
      ctx.metric?.('rewindKeptBytes', need);
      outcome = `Kept ${formatBytes(need)} of ${member.name}'s WAL ${fork.lsn ? `since its fork at ${fork.lsn} on timeline ${fork.timeline}` : '(all its segments: the fork could not be read)'} in ${kept}, never deleted by Tandem. Read it with: ${readingHint(cluster, member, kept, fork)}`;
    },
    async verify() {
      return outcome;
    },
  };
}
