import { asSentence } from '@/lib/format/sentence';
import type { ShellCommand } from '@/lib/ssh/shell';
import { parseBasebackupProgress } from './basebackup-progress';
import { StepFailure, type Step, type StepContext } from './engine/types';
import { applyHbaLines, hbaReadCommand, hbaWriteCommand } from './hba';
import { describeCheck, holds, paramsText } from './plan-checks';
import { describeIssue, issueCertificate } from './member-certificate';
import type { Action, CertificateIssuer, PassfileInput, PlannedStep, SecretRef } from './plan-types';
import { placeholderLines, resolveTandemHbaEdit, TANDEM_ADDRESS_COMMAND } from './tandem-hba';

/** Secrets the plan names but never contains; resolved only while a step runs. */
export interface PlanSecrets {
  replicationPassword: string;
  replicationPasswordVerifier: string;
  /** Only plans that create the monitoring role need it. */
  monitorPasswordVerifier?: string;
  /** Tandem's CA; only plans of TLS clusters (which issue member certificates) need it. */
  issuer?: CertificateIssuer;
}

const DEFAULT_DEADLINE_MS = 120_000;

/**
 * Turns a planned step (data) into an engine step: `check` evaluates the plan's check,
 * `run` performs its actions in order, `verify` evaluates its verify check. Secrets are
 * filled in here, at run time, and never reach `describe()` or the recorded commands.
 */
export function toEngineStep(planned: PlannedStep, secrets: PlanSecrets): Step {
  return {
    name: planned.title,
    host: planned.host,
    deadlineMs: planned.actions.reduce((sum, action) => sum + actionBudget(action), 30_000) || DEFAULT_DEADLINE_MS,
    describe: () => ({ commands: describePlannedStep(planned) }),
    check: (ctx) => holds(planned.check, ctx, secrets.issuer),
    async run(ctx) {
      for (const action of planned.actions) await perform(action, ctx, secrets);
    },
    async verify(ctx) {
      if (!(await holds(planned.verify, ctx, secrets.issuer))) throw new StepFailure(`${planned.title}: the end state did not hold afterwards (${describeCheck(planned.verify).split('\n')[0]}).`);
    },
  };
}

/** The exact commands, SQL and config lines of a planned step, secrets as names only. */
export function describePlannedStep(planned: PlannedStep): string[] {
  return [
    ...planned.actions.map(describeAction),
    ...(planned.config ?? []).map((config) => `# ${config.host}: ${config.file}\n${config.lines.join('\n')}`),
  ];
}

function actionBudget(action: Action): number {
  if (action.kind === 'shell' || action.kind === 'shell-if') return action.timeoutMs;
  if (action.kind === 'wait') return action.timeoutMs;
  return 30_000;
}

export function describeAction(action: Action): string {
  switch (action.kind) {
    case 'sql':
      return `[${action.host} as postgres] psql\n${action.sql.trim()}${paramsText(action.params, Object.keys(action.secretParams ?? {}))}`;
    case 'shell':
      return `[${action.host} as ${action.as}] ${action.command.text}${action.stdin ? '\n  (stdin: the replication role\'s .pgpass lines, one per member)' : ''}`;
    case 'shell-if':
      return `[${action.host} as ${action.as}] ${action.command.text}\n  only if: ${describeCheck(action.when)}`;
    case 'hba-edit':
      return `[${action.host} as root] edit ${action.file}: before the first rule, lines marked ${action.marker}:\n${action.lines.join('\n')}`;
    case 'tandem-hba-edit':
      return `[${action.host} as login] ${TANDEM_ADDRESS_COMMAND.text}\n[${action.host} as root] edit ${action.file}: before the first rule, lines marked ${action.marker}:\n${placeholderLines(action).join('\n')}`;
    case 'issue-certificate':
      return describeIssue(action);
    case 'wait':
      return `wait up to ${Math.round(action.timeoutMs / 1000)} s until: ${describeCheck(action.until)}`;
  }
}

async function perform(action: Action, ctx: StepContext, secrets: PlanSecrets): Promise<void> {
  if (action.kind === 'tandem-hba-edit') {
    ctx.record(`[${action.host} as login] ${TANDEM_ADDRESS_COMMAND.text}`);
    return perform(await resolveTandemHbaEdit(action, ctx), ctx, secrets);
  }
  ctx.record(describeAction(action));
  switch (action.kind) {
    case 'sql': {
      const secretParams = Object.fromEntries(Object.entries(action.secretParams ?? {}).map(([name, ref]) => [name, secretValue(ref, secrets)]));
      await ctx.pg.query(action.host, action.sql, { params: action.params, secretParams, signal: ctx.signal });
      return;
    }
    case 'shell':
      return runShell(action.host, action.as, action.command, action.timeoutMs, ctx, action.stdin ? passfileLines(action.stdin, secrets.replicationPassword) : undefined);
    case 'shell-if':
      if (await holds(action.when, ctx, secrets.issuer)) await runShell(action.host, action.as, action.command, action.timeoutMs, ctx);
      else ctx.log(`not needed: ${action.command.text}`);
      return;
    case 'hba-edit':
      return editHba(action, ctx);
    case 'issue-certificate':
      return issueCertificate(action, ctx, secrets.issuer);
    case 'wait':
      return waitUntil(action, ctx, secrets.issuer);
  }
}

async function runShell(host: string, as: 'login' | 'root' | 'postgres', command: ShellCommand, timeoutMs: number, ctx: StepContext, stdin?: string) {
  const result = await ctx.shell.exec(host, command, {
    as,
    timeoutMs,
    signal: ctx.signal,
    ...(stdin === undefined ? {} : { stdin }),
    onLine: (line) => {
      const progress = parseBasebackupProgress(line);
      if (progress) ctx.progress({ ...progress, label: 'pg_basebackup', unit: 'bytes' });
      else ctx.log(line);
    },
  });
  if (result.code !== 0) {
    const reason = result.stderr.trim().split('\n').at(-1) ?? '';
    throw new StepFailure(asSentence(`A command failed on ${host} (exit ${result.code ?? 'signal'})${reason ? `: ${reason}` : ''}`));
  }
}

async function editHba(action: Extract<Action, { kind: 'hba-edit' }>, ctx: StepContext): Promise<void> {
  const read = await ctx.shell.exec(action.host, hbaReadCommand(action.file), { as: 'root', signal: ctx.signal });
  if (read.code !== 0) throw new StepFailure(`Could not read ${action.file} on ${action.host}: ${read.stderr.trim()}`);
  const next = applyHbaLines(read.stdout, action.lines, action.marker, { belowReplicationLines: action.belowReplicationLines === true });
  if (next === read.stdout) {
    ctx.log(`${action.file} already has these lines`);
    return;
  }
  const digest = await sha256Hex(read.stdout);
  const write = await ctx.shell.exec(action.host, hbaWriteCommand(action.file, digest), { as: 'root', stdin: next, signal: ctx.signal });
  if (write.code !== 0) throw new StepFailure(`Could not write ${action.file} on ${action.host}: ${write.stderr.trim()}`);
}

async function waitUntil(action: Extract<Action, { kind: 'wait' }>, ctx: StepContext, issuer: CertificateIssuer | undefined): Promise<void> {
  const started = ctx.clock.now().getTime();
  for (;;) {
    if (await holds(action.until, ctx, issuer)) {
      const seconds = (ctx.clock.now().getTime() - started) / 1000;
      ctx.log(`${action.measure ?? 'condition'} held after ${seconds.toFixed(2)} s`);
      return;
    }
    if (ctx.clock.now().getTime() - started > action.timeoutMs) {
      throw new StepFailure(`Still not true after ${Math.round(action.timeoutMs / 1000)} s: ${describeCheck(action.until).split('\n')[0]}`);
    }
    await new Promise((resolve) => setTimeout(resolve, action.intervalMs));
    ctx.signal.throwIfAborted();
  }
}

function secretValue(ref: SecretRef, secrets: PlanSecrets): string {
  if (ref === 'replication-password-verifier') return secrets.replicationPasswordVerifier;
  if (ref === 'monitor-password-verifier' && secrets.monitorPasswordVerifier) return secrets.monitorPasswordVerifier;
  throw new Error(`Unknown secret ${String(ref)}`);
}

/** The `.pgpass` lines, one per endpoint (any database); `:` and `\` in fields are escaped as libpq expects. */
export function passfileLines(input: PassfileInput, password: string): string {
  const field = (value: string) => value.replaceAll('\\', '\\\\').replaceAll(':', '\\:');
  return input.endpoints.map((endpoint) => `${field(endpoint.host)}:${endpoint.port}:*:${field(input.role)}:${field(password)}\n`).join('');
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Buffer.from(digest).toString('hex');
}
