import { describe, expect, it } from 'vitest';
import { fakeStep } from './fake-step';
import { MemoryOperationStore } from './memory-store';
import { runOperation } from './run-operation';
import { StepFailure, type Step } from './types';

const clock = { now: () => new Date() };
const never = new AbortController().signal;

function setup(build: (calls: string[]) => Step[]) {
  const calls: string[] = [];
  const steps = build(calls);
  const store = new MemoryOperationStore();
  store.create(1, steps.length);
  return { calls, steps, store, operation: () => store.get(1) };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new Error('aborted')); }, { once: true });
  });

describe('runOperation', () => {
  it('runs check, run and verify of each step in order and records success', async () => {
    const { calls, steps, store, operation } = setup((calls) => [fakeStep('a', calls), fakeStep('b', calls, { verify: () => 'b is in place.' })]);
    const result = await runOperation({ id: 1 }, steps, store, clock, never);
    expect(calls).toEqual(['check a', 'run a', 'verify a', 'check b', 'run b', 'verify b']);
    expect(result).toEqual({ status: 'succeeded', outcome: 'All 2 steps succeeded.' });
    expect(operation()).toMatchObject({ status: 'succeeded', metrics: { stepsRun: 2, stepsSkipped: 0 } });
    expect(operation().steps.map((step) => [step.status, step.outcome])).toEqual([['succeeded', 'Done and verified.'], ['succeeded', 'b is in place.']]);
    expect(operation().steps[0]?.commands).toEqual(['do a']);
    expect(operation().steps.every((step) => step.startedAt && step.finishedAt)).toBe(true);
  });

  it('skips a step whose end state already holds', async () => {
    const { calls, steps, store, operation } = setup((calls) => [fakeStep('a', calls, { holds: () => true }), fakeStep('b', calls)]);
    const result = await runOperation({ id: 1 }, steps, store, clock, never);
    expect(calls).toEqual(['check a', 'check b', 'run b', 'verify b']);
    expect(result.outcome).toBe('All 2 steps succeeded (1 already in place).');
    expect(operation().steps[0]).toMatchObject({ status: 'skipped', outcome: 'Already in place: a.' });
  });

  it('stops at the first failure with its sentence and leaves later steps pending', async () => {
    const { calls, steps, store, operation } = setup((calls) => [
      fakeStep('a', calls),
      fakeStep('b', calls, { host: 'pg2', verify: () => { throw new StepFailure('pg2 is still in recovery'); } }),
      fakeStep('c', calls),
    ]);
    const result = await runOperation({ id: 1 }, steps, store, clock, never);
    expect(calls).toEqual(['check a', 'run a', 'verify a', 'check b', 'run b', 'verify b']);
    expect(result).toEqual({ status: 'failed', outcome: 'Failed at step 2 “b” on pg2: pg2 is still in recovery.' });
    expect(operation().steps.map((step) => step.status)).toEqual(['succeeded', 'failed', 'pending']);
    expect(operation().steps[1]?.outputTail).toContain('error: pg2 is still in recovery.');
  });

  it('takes a step whose connection dropped once more from its check, and fails on a second drop', async () => {
    const lost = () => Object.assign(new Error('The connection to root@pg2 was lost while a command ran; whether it finished is unknown.'), { connectionLost: true });
    let runs = 0;
    const { calls, steps, store, operation } = setup((calls) => [
      fakeStep('a', calls, { holds: () => runs > 0, run: () => { runs += 1; throw lost(); } }),
      fakeStep('b', calls, { run: () => { throw lost(); } }),
    ]);
    const result = await runOperation({ id: 1 }, steps, store, clock, never);
    expect(calls).toEqual(['check a', 'run a', 'check a', 'check b', 'run b', 'check b', 'run b']);
    expect(operation().steps.map((step) => step.status)).toEqual(['succeeded', 'failed']);
    expect(operation().steps[0]?.outcome).toBe('Done: the end state holds, checked again after the connection dropped.');
    expect(operation().steps[0]?.outputTail).toContain('reconnecting and checking the step again');
    expect(result.outcome).toBe('Failed at step 2 “b”: The connection to root@pg2 was lost while a command ran; whether it finished is unknown.');
  });

  it('does not take a step again after an ordinary failure', async () => {
    const { calls, steps, store } = setup((calls) => [fakeStep('a', calls, { run: () => { throw new StepFailure('disk full'); } })]);
    await runOperation({ id: 1 }, steps, store, clock, never);
    expect(calls).toEqual(['check a', 'run a']);
  });

  it('records an unexpected error from run, with its hint in the output tail', async () => {
    const error = Object.assign(new Error('PostgreSQL is not running on pg2'), { hint: 'Start the cluster.' });
    const { steps, store, operation } = setup((calls) => [fakeStep('a', calls, { run: () => { throw error; } })]);
    await runOperation({ id: 1 }, steps, store, clock, never);
    expect(operation().steps[0]).toMatchObject({ status: 'failed', outcome: 'PostgreSQL is not running on pg2.' });
    expect(operation().steps[0]?.outputTail).toContain('hint: Start the cluster.');
  });

  it('fails a step that overruns its deadline, even one that ignores the signal', async () => {
    const { steps, store, operation } = setup((calls) => [fakeStep('slow', calls, { deadlineMs: 50, run: () => sleep(1_000) }), fakeStep('next', calls)]);
    const started = Date.now();
    const result = await runOperation({ id: 1 }, steps, store, clock, never);
    expect(Date.now() - started).toBeLessThan(900);
    expect(result.status).toBe('failed');
    expect(operation().steps[0]).toMatchObject({ status: 'failed', outcome: 'Did not finish within 50 ms and was stopped.' });
    expect(operation().steps[1]?.status).toBe('pending');
  });

  it('on cancel marks the running step and the operation cancelled, saying by whom', async () => {
    const controller = new AbortController();
    const { calls, steps, store, operation } = setup((calls) => [
      fakeStep('a', calls),
      fakeStep('b', calls, { run: async (ctx) => { controller.abort('ops@example.com'); await sleep(1_000, ctx.signal); } }),
      fakeStep('c', calls),
    ]);
    const result = await runOperation({ id: 1 }, steps, store, clock, controller.signal);
    expect(calls).not.toContain('check c');
    expect(result).toEqual({ status: 'cancelled', outcome: 'Cancelled during step 2 “b” by ops@example.com.' });
    expect(operation().steps.map((step) => step.status)).toEqual(['succeeded', 'cancelled', 'pending']);
    expect(operation().status).toBe('cancelled');
  });

  it('cancelled before a step starts marks that step cancelled without running it', async () => {
    const controller = new AbortController();
    controller.abort();
    const { calls, steps, store, operation } = setup((calls) => [fakeStep('a', calls)]);
    const result = await runOperation({ id: 1 }, steps, store, clock, controller.signal);
    expect(calls).toEqual([]);
    expect(result.status).toBe('cancelled');
    expect(operation().steps[0]?.status).toBe('cancelled');
  });

  it('resumes from the first step whose check fails, keeping earlier successes', async () => {
    const done = new Set<string>();
    const step = (name: string, calls: string[], fail = false) =>
      fakeStep(name, calls, { holds: () => done.has(name), run: () => { if (fail && !done.has('fixed')) throw new StepFailure(`${name} broke`); done.add(name); } });
    const { calls, steps, store, operation } = setup((calls) => [step('a', calls), step('b', calls, true), step('c', calls)]);
    expect((await runOperation({ id: 1 }, steps, store, clock, never)).status).toBe('failed');
    done.add('fixed');
    calls.length = 0;
    const previous = operation().steps.map((s) => s.status);
    const result = await runOperation({ id: 1, previous }, steps, store, clock, never);
    expect(calls).toEqual(['check a', 'check b', 'run b', 'verify b', 'check c', 'run c', 'verify c']);
    expect(result.status).toBe('succeeded');
    expect(operation().steps.map((s) => [s.status, s.outcome])).toEqual([
      ['succeeded', 'Done earlier, and still in place.'],
      ['succeeded', 'Done and verified.'],
      ['succeeded', 'Done and verified.'],
    ]);
  });

  it('keeps only the tail of long output', async () => {
    const { steps, store, operation } = setup((calls) => [
      fakeStep('chatty', calls, { run: (ctx) => { for (let i = 0; i < 2_000; i += 1) ctx.log(`line ${i} ${'x'.repeat(20)}`); } }),
    ]);
    await runOperation({ id: 1 }, steps, store, clock, never);
    const tail = operation().steps[0]?.outputTail ?? '';
    expect(tail.length).toBeLessThanOrEqual(8 * 1024);
    expect(tail.startsWith('…')).toBe(true);
    expect(tail).toContain('line 1999 ');
    expect(tail).not.toContain('line 0 ');
  });

  it('redacts secrets from commands, output, progress labels and outcomes', async () => {
    const secret = "s3cr'et";
    const { steps, store, operation } = setup((calls) => [
      fakeStep('password', calls, {
        commands: [`ALTER ROLE replicator PASSWORD '${secret.replaceAll("'", "''")}'`],
        run: (ctx) => { ctx.record(`echo '${secret.replaceAll("'", `'\\''`)}'`); ctx.log(`got ${secret}`); ctx.progress({ done: 1, total: 2, label: secret }); },
        verify: () => { throw new StepFailure(`password ${secret} refused`); },
      }),
    ]);
    const result = await runOperation({ id: 1 }, steps, store, clock, never, { secrets: [secret] });
    const step = operation().steps[0];
    expect(JSON.stringify({ step, result })).not.toContain('s3cr');
    expect(step?.commands).toEqual(["echo '***'"]);
    expect(step?.outputTail).toContain('got ***');
    expect(result.outcome).toContain('password *** refused');
  });

  it('keeps a restricted step\'s commands and output in its admin detail; the rest see its public commands and notes', async () => {
    const secret = 'tok-77';
    const { steps, store, operation } = setup(() => [{
      ...fakeStep('hooks', [], { commands: ['[lb1 as root] sh -c move-vip'] }),
      describe: () => ({ commands: ['[lb1 as root] sh -c move-vip'], publicCommands: ['routing hook 1 on lb1'] }),
      run: async (ctx) => { ctx.record('[lb1 as root] sh -c move-vip'); ctx.note('routing hook 1 on lb1: running'); ctx.log(`lb1: token ${secret}`); throw new Error('lb1 said no'); },
    }]);
    const result = await runOperation({ id: 1 }, steps, store, clock, never, { secrets: [secret] });
    expect(result.outcome).toBe('Failed at step 1 “hooks”: lb1 said no.');
    expect(operation().steps[0]).toMatchObject({
      commands: ['routing hook 1 on lb1'],
      outputTail: 'routing hook 1 on lb1: running\n',
      adminDetail: { commands: ['[lb1 as root] sh -c move-vip'], outputTail: 'routing hook 1 on lb1: running\nlb1: token ***\nerror: lb1 said no.\n' },
    });
    expect(JSON.stringify(operation())).not.toContain(secret);
  });

  it('writes live output and progress while a step runs, with an ETA once the total is known', async () => {
    let now = 0;
    const fakeClock = { now: () => new Date(now) };
    const seen: (number | null)[] = [];
    const { steps, store, operation } = setup((calls) => [
      fakeStep('copy', calls, {
        run: async (ctx) => {
          ctx.progress({ done: 0, total: 1_000 });
          now = 2_000;
          ctx.progress({ done: 200, total: 1_000, label: 'base backup' });
          ctx.log('copying');
          await sleep(40);
          seen.push(operation().steps[0]?.progress?.etaSeconds ?? null);
        },
      }),
    ]);
    await runOperation({ id: 1 }, steps, store, fakeClock, never, { flushIntervalMs: 5 });
    expect(seen).toEqual([8]);
    expect(operation().steps[0]?.updates).toBeGreaterThan(0);
    expect(operation().steps[0]?.progress).toMatchObject({ done: 200, total: 1_000, unit: 'bytes', ratePerSecond: 100, etaSeconds: 8, label: 'base backup' });
  });

  it('shows the planned commands until the step records the ones it executed', async () => {
    const { steps, store, operation } = setup((calls) => [
      fakeStep('planned', calls, { commands: ['planned one'] }),
      fakeStep('executed', calls, { commands: ['planned two'], run: (ctx) => ctx.record('executed two') }),
    ]);
    await runOperation({ id: 1 }, steps, store, clock, never);
    expect(operation().steps.map((step) => step.commands)).toEqual([['planned one'], ['executed two']]);
  });
});
