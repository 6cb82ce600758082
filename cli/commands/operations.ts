import { InvalidArgumentError, Option, type Command } from 'commander';
import type { OperationList } from '../api-types';
import { resolveCluster } from '../clusters';
import { connect, print, type Done } from '../context';
import { EXIT } from '../exit-codes';
import { followOperation } from '../follow';
import type { CliIo } from '../io';
import { operationsTable } from '../views/operations';

/** An id or count as typed: decimal digits only (the server judges the range). */
function parseWhole(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError('give decimal digits.');
  return Number(value);
}

export function registerOperations(program: Command, io: CliIo, done: Done): void {
  program
    .command('operations')
    .description('Operations, newest first (GET /operations), or follow one to its end (GET /operations/{id})')
    .option('--cluster <cluster>', 'only this cluster\'s (its name or id)')
    .option('--limit <n>', 'at most this many', parseWhole)
    .addOption(new Option('--follow <id>', 'follow this operation to its end; exit 0 only when it succeeded').argParser(parseWhole).conflicts(['cluster', 'limit']))
    .action(async (options: { cluster?: string; limit?: number; follow?: number }, command: Command) => {
      const context = connect(command, io);
      if (options.follow !== undefined) {
        done(await followOperation(context, options.follow));
        return;
      }
      const query = new URLSearchParams();
      if (options.cluster !== undefined) query.set('cluster', String((await resolveCluster(context.client, options.cluster)).id));
      if (options.limit !== undefined) query.set('limit', String(options.limit));
      const search = query.size ? `?${query}` : '';
      print(context, await context.client.get<OperationList>(`/operations${search}`), (list) => operationsTable(list, Date.now()));
      done(EXIT.ok);
    });
}
