import { REDACTED } from '@/lib/replication/engine/redact';
import { StepFailure, type Step } from '@/lib/replication/engine/types';
import { sh, shellQuote, type ShellCommand } from '@/lib/ssh/shell';
import type { HookSecret, RoutingHook } from '../plan-types';
import { hookSecretNameProblem } from '../routing-hooks';

/** The wrapper of a hook with secrets: it exports what stdin holds (`export NAME='value'` lines), then runs the hook (`$1`). */
const WITH_ENVIRONMENT = 'eval "$(cat)" && exec sh -c "$1"';

/** What runs one hook on its host, and the line recorded for it (its secrets as `NAME=***`). */
export interface HookInvocation {
  readonly command: ShellCommand;
  /** The secrets as shell text for the wrapper to evaluate; absent for a hook without secrets. */
  readonly stdin?: string;
  readonly recorded: string;
}

/** `export NAME='value'` per secret; names are checked again here, since this text is evaluated. */
function exportLines(env: readonly HookSecret[]): string {
  return env.map(({ name, value }) => {
    const problem = hookSecretNameProblem(name);
    if (problem) throw new StepFailure(`The hook secret name ${JSON.stringify(name.slice(0, 64))} cannot be used: ${problem}.`);
    return `export ${name}=${shellQuote(value)}\n`;
  }).join('');
}

/**
 * One hook as `sh -c <command>` run as root. With secrets, they travel on the command's
 * stdin and a wrapper puts them in the hook's environment, so no value is in a command line
 * (seen by `ps` on the host, written to its sudo log) or in what Tandem records.
 */
export function hookInvocation(hook: RoutingHook): HookInvocation {
  if (hook.env.length === 0) {
    const command = sh`sh -c ${hook.command}`;
    return { command, recorded: `[${hook.hostName} as root] ${command.text}` };
  }
  const command = sh`sh -c ${WITH_ENVIRONMENT} tandem-hook ${hook.command}`;
  const names = hook.env.map((secret) => `${secret.name}=${REDACTED}`).join(' ');
  return { command, stdin: exportLines(hook.env), recorded: `[${hook.hostName} as root, environment ${names}] ${command.text}` };
}

const hookLabel = (hook: RoutingHook, index: number) => `routing hook ${index + 1} on ${hook.hostName}`;

/**
 * Runs the cluster's routing hooks (e.g. move a virtual IP, repoint PgBouncer), each as
 * `sh -c` over SSH on its host within its timeout, output in the log. A hook that fails
 * fails the step: clients may still be routed to the old primary, which must be said. Its
 * commands and output are for admins only (they run as root and may print what they
 * touch); everyone sees which hook ran where and how it exited.
 */
export function routingHooksStep(hooks: readonly RoutingHook[]): Step {
  return {
    name: 'Run the routing hooks',
    host: null,
    deadlineMs: hooks.reduce((sum, hook) => sum + hook.timeoutMs, 10_000),
    describe: () => ({ commands: hooks.map((hook) => hookInvocation(hook).recorded), publicCommands: hooks.map(hookLabel) }),
    check: async () => false,
    async run(ctx) {
      const started = ctx.clock.now().getTime();
      for (const [index, hook] of hooks.entries()) {
        const { command, stdin, recorded } = hookInvocation(hook);
        ctx.record(recorded);
        ctx.note(`${hookLabel(hook, index)}: running`);
        const result = await ctx.shell.exec(hook.hostName, command, {
          as: 'root', signal: ctx.signal, timeoutMs: hook.timeoutMs, onLine: (line) => ctx.log(`${hook.hostName}: ${line}`), ...(stdin === undefined ? {} : { stdin }),
        });
        ctx.note(`${hookLabel(hook, index)}: ran, exit ${result.code ?? 'on a signal'}`);
        if (result.code !== 0) throw new StepFailure(`The routing hook on ${hook.hostName} exited ${result.code ?? 'on a signal'}; clients may still be routed to the old primary.`);
      }
      ctx.metric?.('hooksMs', ctx.clock.now().getTime() - started);
    },
    async verify() {
      return `${hooks.length} routing hook${hooks.length === 1 ? '' : 's'} ran.`;
    },
  };
}
