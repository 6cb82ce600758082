import { InvalidArgumentError, type Command } from 'commander';
import type { Alert, AlertList } from '../api-types';
import { resolveCluster } from '../clusters';
import { connect, print, type Done } from '../context';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { alertsTable } from '../views/alerts';

function parseAlertId(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('give the alert\'s id in decimal digits.');
  return Number(value);
}

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
    })
    .command('ack')
    .description('Acknowledge an open alert with a comment (POST /alerts/{id}/acknowledge); webhooks are told')
    .argument('<id>', 'the alert\'s id, as `tandem alerts` lists it', parseAlertId)
    .requiredOption('--comment <text>', 'what is being done about it (kept with the alert and in the audit log)')
    .action(async (id: number, options: { comment: string }, command: Command) => {
      const context = connect(command, io);
      const answer = await context.client.post<Alert>(`/alerts/${id}/acknowledge`, { comment: options.comment });
      if (context.json) io.stdout.write(`${answer.text}\n`);
      else io.stdout.write(`Acknowledged alert ${id}: ${answer.json.summary}\n`);
      done(EXIT.ok);
    });
}
