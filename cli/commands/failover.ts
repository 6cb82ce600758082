import { InvalidArgumentError, type Command } from 'commander';
import type { ClusterSummary, StartBody, Started } from '../api-types';
import { resolveCluster } from '../clusters';
import { connect, type Done } from '../context';
import { EXIT } from '../exit-codes';
import { followOperation } from '../follow';
import type { CliIo } from '../io';

interface StartOptions {
  readonly wait?: boolean;
}

interface MoveOptions extends StartOptions {
  readonly to: string;
  readonly reason: string;
  readonly confirm?: string;
}

const REJOIN_METHODS = ['auto', 'rewind', 'rebuild', 'backup'] as const;

function parseRejoinMethod(value: string): (typeof REJOIN_METHODS)[number] {
  const method = REJOIN_METHODS.find((known) => known === value);
  if (!method) throw new InvalidArgumentError(`give one of ${REJOIN_METHODS.join(', ')}.`);
  return method;
}

/** The typed cluster name: `--confirm`, else asked for on a terminal, else empty for the server to refuse. */
async function typedName(io: CliIo, options: MoveOptions, found: ClusterSummary, what: string): Promise<string> {
  return options.confirm ?? (io.ask ? await io.ask(`Type the cluster's name (${found.name}) to ${what}: `) : '');
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
    .action(async (cluster: string, options: MoveOptions, command: Command) => {
      done(await startOperation(io, command, cluster, options, async (found) => ({
        kind: 'switchover', candidate: options.to, reason: options.reason, confirm: await typedName(io, options, found, `switch over to ${options.to}`),
      })));
    });

  program
    .command('drill')
    .description('Failover drill: a switchover to the replica and back, measured (POST /clusters/{id}/operations)')
    .argument('<cluster>', 'a cluster\'s name or id')
    .requiredOption('--to <host>', 'the replica the drill switches over to')
    .requiredOption('--reason <text>', 'why (kept in the audit log and on the operation)')
    .option('--confirm <cluster>', 'the cluster\'s name, typed; asked for on a terminal when left out')
    .option('--wait', 'follow the operation to its end; exit 0 only when it succeeded')
    .action(async (cluster: string, options: MoveOptions, command: Command) => {
      done(await startOperation(io, command, cluster, options, async (found) => ({
        kind: 'drill', candidate: options.to, reason: options.reason, confirm: await typedName(io, options, found, `drill a switchover to ${options.to} and back`),
      })));
    });

  program
    .command('rejoin')
    .description('Rejoin a fenced former primary as a standby of the primary (POST /clusters/{id}/operations)')
    .argument('<cluster>', 'a cluster\'s name or id')
    .requiredOption('--member <host>', 'the fenced member to rejoin')
    .requiredOption('--reason <text>', 'why (kept in the audit log and on the operation)')
    .option('--method <method>', 'auto (Tandem\'s choice), rewind (pg_rewind) or rebuild (a new base backup; the old data directory is kept aside) or backup (a delta restore of the latest backup)', parseRejoinMethod, 'auto')
    .option('--wait', 'follow the operation to its end; exit 0 only when it succeeded')
    .action(async (cluster: string, options: StartOptions & { member: string; reason: string; method: (typeof REJOIN_METHODS)[number] }, command: Command) => {
      done(await startOperation(io, command, cluster, options, async () => ({ kind: 'rejoin', member: options.member, reason: options.reason, method: options.method })));
    });

  program
    .command('check')
    .description('Read-only check of the cluster: reach every member over SSH and ask its PostgreSQL to answer (POST /clusters/{id}/operations)')
    .argument('<cluster>', 'a cluster\'s name or id')
    .requiredOption('--reason <text>', 'why (kept in the audit log and on the operation)')
    .option('--wait', 'follow the operation to its end; exit 0 only when it succeeded')
    .action(async (cluster: string, options: StartOptions & { reason: string }, command: Command) => {
      done(await startOperation(io, command, cluster, options, async () => ({ kind: 'check', reason: options.reason })));
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
    .action(async (cluster: string, options: MoveOptions & { acknowledgeDown?: boolean; overrideBytes?: number }, command: Command) => {
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
