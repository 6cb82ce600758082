import { StepFailure, type Step } from '@/lib/replication/engine/types';
import { serverBinDirectory } from '@/lib/replication/service-control';
import { movedAsidePath, passfilePath, restoreConfigFiles, standbyLayout } from '@/lib/replication/standby-files';
import { sh, type ShellCommand } from '@/lib/ssh/shell';
import type { FailoverCluster, FailoverMember } from '../plan-types';
import { ensureSlot } from './repoint';
import { standbyConfiguredCommand, standbySlot } from './standby';

/**
 * Moves the stopped member's data directory aside (never deleted: `<datadir>.tandem-<stamp>`)
 * and clones the upstream into a fresh one with the member's own pg_basebackup, then puts the
 * member's own postgresql.auto.conf back (the clone carries the upstream's, whose
 * listen_addresses the member cannot bind), and its postgresql.conf, pg_hba.conf and
 * pg_ident.conf where they live in the data directory. The way back when pg_rewind cannot work.
 */
export function rebuildCommand(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember, stamp: string): ShellCommand {
  const dir = member.dataDirectory;
  const moved = movedAsidePath(dir, stamp);
  const slot = standbySlot(cluster, member);
  const auto = standbyLayout(dir, cluster.major).autoConf;
  return sh`set -e
if [ ! -e ${moved} ]; then mv -- ${dir} ${moved}; else find ${dir} -mindepth 1 -delete; fi
install -d -o postgres -g postgres -m 0700 -- ${dir}
runuser -u postgres -- env PGPASSFILE=${passfilePath(dir, cluster.name)} PATH=${serverBinDirectory(member.control, cluster.major)}:"$PATH" pg_basebackup -h ${upstream.address} -p ${upstream.pgPort} -U ${cluster.roleName} -D ${dir} -X stream${slot ? sh` -S ${slot}` : sh``} --checkpoint=fast -w
if [ -f ${`${moved}/postgresql.auto.conf`} ]; then cp -p -- ${`${moved}/postgresql.auto.conf`} ${auto}; fi
${restoreConfigFiles(moved, dir)}
echo "old data directory kept at ${moved}"`;
}

/**
 * The rebuild as a step, passed over once the member is configured as a standby of the
 * upstream. With `replacing` (the whole cluster restored from a backup: the member already
 * streamed from that upstream before, on the timeline the restore left), it is passed over only
 * once this rebuild's own moved-aside directory exists too.
 */
export function rebuildStep(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember, stamp: string, replacing = false): Step {
  const command = rebuildCommand(cluster, member, upstream, stamp);
  const slot = standbySlot(cluster, member);
  const configured = standbyConfiguredCommand(cluster, member, upstream);
  const done = replacing ? sh`test -e ${movedAsidePath(member.dataDirectory, stamp)} && { ${configured}; }` : configured;
  return {
    name: `Rebuild ${member.name} from ${upstream.name} with pg_basebackup`,
    host: member.name,
    deadlineMs: 12 * 60 * 60_000,
    describe: () => ({ commands: [...(slot ? [`[${upstream.name}] create physical slot ${slot} if missing`] : []), `[${member.name} as root] ${command.text}`] }),
    check: async (ctx) => (await ctx.shell.exec(member.name, done, { as: 'postgres', signal: ctx.signal })).code === 0,
    async run(ctx) {
      if (slot) await ensureSlot(ctx, upstream.name, slot);
      ctx.record(`[${member.name} as root] ${command.text}`);
      const result = await ctx.shell.exec(member.name, command, { as: 'root', signal: ctx.signal, timeoutMs: 12 * 60 * 60_000 - 60_000, onLine: (line) => ctx.log(line) });
      if (result.code !== 0) throw new StepFailure(`The rebuild of ${member.name} failed: ${result.stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit ${result.code ?? 'signal'}`}`);
    },
    async verify() {
      return `${member.name} holds a fresh copy of ${upstream.name}; its old data directory is kept at ${movedAsidePath(member.dataDirectory, stamp)}.`;
    },
  };
}
