import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { ClusterDetail } from '../api-types';
import { resolveCluster } from '../clusters';
import { connect, type CommandContext, type Done } from '../context';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { lagTable } from '../views/clusters';

const WATCH_EVERY_MS = 2000;

/** One reading: the table, under a heading when watching (the screen redrawn on a terminal, a new block otherwise), or the API's JSON. */
async function showLag(context: CommandContext, clusterId: number, watching: boolean): Promise<void> {
  const answer = await context.client.get<ClusterDetail>(`/clusters/${clusterId}`);
  const { stdout } = context.io;
  if (context.json) {
    stdout.write(`${answer.text}\n`);
    return;
  }
  const now = Date.now();
  const heading = watching ? `Lag of ${answer.json.name} at ${new Date(now).toISOString().slice(11, 19)} UTC, every ${WATCH_EVERY_MS / 1000} s (Ctrl-C to stop)\n\n` : '';
  stdout.write((watching && stdout.isTTY ? '\x1b[H\x1b[2J' : '') + heading + lagTable(answer.json, now) + (watching && !stdout.isTTY ? '\n' : ''));
}

export function registerLag(program: Command, io: CliIo, done: Done): void {
  program
    .command('lag')
    .description('Each replica\'s newest lag: bytes behind at each WAL position, time lag, heartbeat, reply age (GET /clusters/{id})')
    .argument('<cluster>', 'a cluster\'s name or id')
    .option('-w, --watch', `read again every ${WATCH_EVERY_MS / 1000} s until Ctrl-C (with --json, one document a line)`)
    .action(async (cluster: string, options: { watch?: boolean }, command: Command) => {
      const context = connect(command, io);
      const { id } = await resolveCluster(context.client, cluster);
      if (!options.watch) {
        await showLag(context, id, false);
        done(EXIT.ok);
        return;
      }
      try {
        for (;;) {
          await showLag(context, id, true);
          await sleep(WATCH_EVERY_MS, undefined, { signal: io.interrupted });
        }
      } catch (error) {
        // Ctrl-C is how a watch ends.
        if (!io.interrupted.aborted || (error instanceof CliError && error.exitCode !== EXIT.interrupted)) throw error;
        done(EXIT.ok);
      }
    });
}
