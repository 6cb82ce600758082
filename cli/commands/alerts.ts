import type { Command } from 'commander';
import type { AlertList } from '../api-types';
import { resolveCluster } from '../clusters';
import { connect, print, type Done } from '../context';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { alertsTable } from '../views/alerts';

export function registerAlerts(program: Command, io: CliIo, done: Done): void {
  program
    .command('alerts')
    .description('Open alerts, critical first (GET /alerts)')
    .option('--cluster <cluster>', 'only this cluster\'s (its name or id)')
    .action(async (options: { cluster?: string }, command: Command) => {
      const context = connect(command, io);
      const search = options.cluster === undefined ? '' : `?cluster=${(await resolveCluster(context.client, options.cluster)).id}`;
      print(context, await context.client.get<AlertList>(`/alerts${search}`), (list) => alertsTable(list, Date.now()));
      done(EXIT.ok);
    });
}
