import type { Step, StepContext } from './types';

export interface FakeStepOptions {
  readonly host?: string | null;
  readonly deadlineMs?: number;
  readonly commands?: readonly string[];
  readonly holds?: (ctx: StepContext) => boolean | Promise<boolean>;
  readonly run?: (ctx: StepContext) => void | Promise<void>;
  readonly verify?: (ctx: StepContext) => void | string | Promise<void | string>;
}

/** A step for tests: records every phase it enters in `calls`, behaviour from `options`. */
export function fakeStep(name: string, calls: string[], options: FakeStepOptions = {}): Step {
  return {
    name,
    host: options.host ?? null,
    deadlineMs: options.deadlineMs ?? 5_000,
    describe: () => ({ commands: options.commands ?? [`do ${name}`] }),
    check: async (ctx) => {
      calls.push(`check ${name}`);
      return (await options.holds?.(ctx)) ?? false;
    },
    run: async (ctx) => {
      calls.push(`run ${name}`);
      await options.run?.(ctx);
    },
    verify: async (ctx) => {
      calls.push(`verify ${name}`);
      return options.verify?.(ctx);
    },
  };
}
