import { InvalidArgumentError, type Command } from 'commander';
import type { ClusterSummary, StartBody, Started } from '../api-types';
import { resolveCluster } from '../clusters';
import { connect, type Done } from '../context';
import { EXIT } from '../exit-codes';
import { followOperation } from '../follow';
import type { CliIo } from '../io';

interface StartOptions {
  readonly to: string;
  readonly reason: string;
  readonly confirm?: string;
  readonly wait?: boolean;
}

/** Starts an operation on the cluster the command names with the body the server judges; prints its id, or follows it with `--wait`. */
async function startOperation(io: CliIo, command: Command, clusterArg: string, options: StartOptions, body: (cluster: ClusterSummary) => Promise<StartBody>): Promise<number> {
  const context = connect(command, io);
  const cluster = await resolveCluster(context.client, clusterArg);
  const answer = await context.client.post<Started>(`/clusters/${cluster.id}/operations`, await body(cluster));
  const { operationId } = answer.json;
  if (context.json && !options.wait) {
    io.stdout.write(`${answer.text}\n`);
    return EXIT.ok;
  }
  if (!context.json) io.stdout.write(`Started operation ${operationId} on ${cluster.name}.${options.wait ? '' : ` Follow it with: tandem operations --follow ${operationId}`}\n`);
  return options.wait ? followOperation(context, operationId) : EXIT.ok;
}

/** Bytes as typed: decimal digits only. */
function parseBytes(value: string): number {
  const bytes = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(bytes)) throw new InvalidArgumentError('give the bytes at risk as a whole number, as the refusal states them.');
  return bytes;
}

export function registerFailover(program: Command, io: CliIo, done: Done): void {
  program
    .command('switchover')
    .description('Planned switchover with zero loss: the replica becomes the primary, the old primary its replica (POST /clusters/{id}/operations)')
    .argument('<cluster>', 'a cluster\'s name or id')
    .requiredOption('--to <host>', 'the replica to switch over to')
    .requiredOption('--reason <text>', 'why (kept in the audit log and on the operation)')
    .option('--confirm <cluster>', 'the cluster\'s name, typed; asked for on a terminal when left out')
    .option('--wait', 'follow the operation to its end; exit 0 only when it succeeded')
    .action(async (cluster: string, options: StartOptions, command: Command) => {
      done(await startOperation(io, command, cluster, options, async (found) => ({
        kind: 'switchover',
        candidate: options.to,
        reason: options.reason,
        confirm: options.confirm ?? (io.ask ? await io.ask(`Type the cluster's name (${found.name}) to switch over to ${options.to}: `) : ''),
      })));
    });

  program
    .command('promote')
    .description('Promote a replica in an incident; the old primary is fenced first (POST /clusters/{id}/operations)')
    .argument('<cluster>', 'a cluster\'s name or id')
    .requiredOption('--to <host>', 'the replica to promote')
    .requiredOption('--reason <text>', 'why (kept in the audit log and on the operation)')
    .requiredOption('--confirm <cluster>', 'the cluster\'s name, typed')
    .option('--acknowledge-down', 'the old primary does not answer and is down or cut off from its clients')
    .option('--override-bytes <bytes>', 'override the lag guard: the bytes at risk, as its refusal states them', parseBytes)
    .option('--wait', 'follow the operation to its end; exit 0 only when it succeeded')
    .action(async (cluster: string, options: StartOptions & { acknowledgeDown?: boolean; overrideBytes?: number }, command: Command) => {
      done(await startOperation(io, command, cluster, options, async () => ({
        kind: 'promote',
        candidate: options.to,
        reason: options.reason,
        confirm: options.confirm,
        acknowledgeDown: options.acknowledgeDown === true,
        ...(options.overrideBytes === undefined ? {} : { overrideBytes: options.overrideBytes }),
      })));
    });
}
