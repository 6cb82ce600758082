import { StepFailure, type Step } from '@/lib/replication/engine/types';
import { keepConfigFiles, restoreConfigFiles, standbyLayout } from '@/lib/replication/standby-files';
import { asSentence } from '@/lib/format/sentence';
import { sh, type ShellCommand } from '@/lib/ssh/shell';
import type { FailoverCluster, FailoverMember } from '../plan-types';
import { standbyConfiguredCommand } from './standby';

/**
 * `pgbackrest restore --delta --type=standby` of the stanza's latest backup into the stopped
 * member's own data directory, as postgres: only the files that differ from the backup are
 * copied, from the repository, not the primary. The member's own postgresql.auto.conf and the
 * config files that live in its data directory are kept first and put back afterwards (the
 * backup carries the primary's, whose listen_addresses the member cannot bind), with the
 * restore_command pgBackRest wrote, so the standby fetches the WAL since the backup from the
 * archive before it streams.
 */
export function restoreStandbyCommand(cluster: FailoverCluster, member: FailoverMember, stanza: string): ShellCommand {
  const dir = member.dataDirectory;
  const layout = standbyLayout(dir, cluster.major);
  const keptAuto = `${dir}.tandem-rejoin.auto.conf`;
  const keptConfig = `${dir}.tandem-rejoin.config`;
  return sh`set -e
if [ -f ${layout.autoConf} ] && [ ! -e ${keptAuto} ]; then cp -p -- ${layout.autoConf} ${keptAuto}; fi
${keepConfigFiles(dir, keptConfig)}
cd / && pgbackrest ${`--stanza=${stanza}`} ${`--pg1-path=${dir}`} --delta --type=standby --target-timeline=latest --log-level-console=info restore
fetch=$(grep -E '^restore_command[[:space:]]*=' -- ${layout.conninfoFile} | tail -n 1 || true)
if [ -e ${keptAuto} ]; then cp -p -- ${keptAuto} ${layout.autoConf}; fi
${restoreConfigFiles(keptConfig, dir)}
if [ -n "$fetch" ]; then
  sed -i -e '/^[[:space:]]*restore_command[[:space:]]*=/d' -- ${layout.conninfoFile}
  printf '%s\n' "$fetch" >> ${layout.conninfoFile}
fi
rm -f -- ${keptAuto}
rm -rf -- ${keptConfig}`;
}

/**
 * Rejoins the stopped member from the latest backup instead of pg_rewind or a full copy of the
 * primary, once keepWalStep has kept its WAL since the fork: the delta restore above. Skipped
 * once the member is configured as a standby of the upstream, which only happens afterwards.
 */
export function restoreStandbyStep(cluster: FailoverCluster, member: FailoverMember, upstream: FailoverMember, stanza: string): Step {
  const command = restoreStandbyCommand(cluster, member, stanza);
  return {
    name: `Restore ${member.name} from the latest backup of stanza ${stanza}`,
    host: member.name,
    deadlineMs: 24 * 60 * 60_000,
    describe: () => ({ commands: [`[${member.name} as postgres] ${command.text}`] }),
    check: async (ctx) => (await ctx.shell.exec(member.name, standbyConfiguredCommand(cluster, member, upstream), { as: 'postgres', signal: ctx.signal })).code === 0,
    async run(ctx) {
      ctx.record(`[${member.name} as postgres] ${command.text}`);
      const started = ctx.clock.now().getTime();
      const result = await ctx.shell.exec(member.name, command, { as: 'postgres', signal: ctx.signal, timeoutMs: 24 * 60 * 60_000 - 60_000, onLine: (text) => ctx.log(text) });
      if (result.code !== 0) {
        const last = result.stderr.trim().split('\n').filter((text) => text.trim() !== '').at(-1) ?? `exit ${result.code ?? 'signal'}`;
        throw new StepFailure(`The restore of ${member.name} from stanza ${stanza} failed: ${asSentence(last)} ${member.name} is still stopped and fenced; rejoin it again once the repository answers, or with “Rebuild from a base backup”.`);
      }
      ctx.metric?.('restoreStandbyMs', ctx.clock.now().getTime() - started);
    },
    async verify() {},
  };
}
