import type { Command } from 'commander';
import type { HostList } from '../api-types';
import { connect, print, type Done } from '../context';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { hostsTable } from '../views/hosts';

export function registerHosts(program: Command, io: CliIo, done: Done): void {
  program
    .command('hosts')
    .description('The host inventory; never a secret (GET /hosts)')
    .action(async (_options: unknown, command: Command) => {
      const context = connect(command, io);
      print(context, await context.client.get<HostList>('/hosts'), hostsTable);
      done(EXIT.ok);
    });
}
