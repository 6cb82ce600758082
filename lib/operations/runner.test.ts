import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { fakeStep } from '@/lib/replication/engine/fake-step';
import type { Step } from '@/lib/replication/engine';
import { defineOperationKind } from './define-kind';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'b'.repeat(64);

const { db } = await import('@/lib/db/client');
const { createOperation, interruptedOutcome } = await import('@/lib/db/operations');
const runner = await import('./runner');
const { thisRunner } = await import('./instance');

const actor = { id: null, email: 'ops@example.com', clientAddress: '203.0.113.9' };
const script = { failB: false, gate: null as Promise<void> | null, done: new Set<string>(), calls: [] as string[], steps: 3 };

function scriptedSteps(): Step[] {
  return ['a', 'b', 'c'].slice(0, script.steps).map((name) =>
    fakeStep(name, script.calls, {
      host: 'pg1',
      holds: () => script.done.has(name),
      run: async (ctx) => {
        if (name === 'b' && script.gate) await Promise.race([script.gate, new Promise((_, reject) => ctx.signal.addEventListener('abort', reject))]);
        if (name === 'b' && script.failB) throw new Error('b could not be done');
        script.done.add(name);
      },
    }));
}

let clusterId = 0;
let otherClusterId = 0;
const planned = [{ name: 'one', host: 'pg1', target: null, commands: ['true'], adminDetail: null }];
const scripted = defineOperationKind({ kind: 'scripted', params: z.object({}), plan: async () => ({ steps: scriptedSteps() }) });
const start = (reason = '') => runner.startOperation(scripted, { clusterId, params: {}, reason, actor });
/** An operation whose step b fails, run to its end: what resume is tried on. */
async function startFailed(): Promise<{ ok: true; operationId: number }> {
  script.failB = true;
  const claim = await start();
  if (!claim.ok) throw new Error(claim.message);
  await runner.waitForOperation(claim.operationId);
  return claim;
}
/** Another Tandem instance, alive: its lease runs a minute. */
const otherInstance = { id: 'tandem-b:77#beef', leaseMs: 60_000 };

beforeAll(async () => {
  const prisma = await db();
  clusterId = (await prisma.cluster.create({ data: { name: 'main' }, select: { id: true } })).id;
  otherClusterId = (await prisma.cluster.create({ data: { name: 'other' }, select: { id: true } })).id;
  await prisma.host.create({ data: { name: 'pg1', sshAddress: '192.0.2.10', authMethod: 'key', sshSecret: 'unused' } });
  runner.setRunnerKinds((name) => (name === 'scripted' ? scripted : null));
  runner.setRunnerPorts(() => ({ shell: { exec: () => Promise.reject(new Error('no hosts in tests')) }, pg: { query: () => Promise.reject(new Error('no hosts in tests')) } }));
});

const reset = () => Object.assign(script, { failB: false, gate: null, done: new Set<string>(), calls: [], steps: 3 });
const lockOf = async (id: number) => (await (await db()).clusterLock.findUnique({ where: { clusterId: id }, select: { operationId: true } }))?.operationId ?? null;
const operation = async (id: number) => (await db()).operation.findUniqueOrThrow({ where: { id }, select: { status: true, outcome: true, steps: { select: { status: true, outcome: true }, orderBy: { position: 'asc' } } } });

describe('one active operation per cluster', () => {
  it('lets exactly one of two concurrent requests through; the other names the active one', async () => {
    const results = await Promise.all([1, 2].map(() => createOperation({ kind: 'scripted', clusterId: otherClusterId, reason: 'race', actor, steps: planned, runner: thisRunner() })));
    const winners = results.filter((result) => result.ok);
    const losers = results.filter((result) => !result.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0];
    if (!winner?.ok) throw new Error('no winner');
    expect(losers[0]).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`^operation ${winner.operationId} is already running`, 'i')) });
    expect(await lockOf(otherClusterId)).toBe(winner.operationId);
    expect(await (await db()).operation.count({ where: { clusterId: otherClusterId } })).toBe(1);
    const audit = await (await db()).auditEvent.findMany({ where: { action: 'operation.start', targetId: String(winner.operationId) }, select: { actorEmail: true, clientAddress: true } });
    expect(audit).toEqual([{ actorEmail: 'ops@example.com', clientAddress: '203.0.113.9' }]);
  });

  it('refuses an unknown cluster without recording anything', async () => {
    const before = await (await db()).operation.count();
    expect(await createOperation({ kind: 'scripted', clusterId: 99_999, reason: '', actor, steps: planned, runner: thisRunner() })).toEqual({ ok: false, message: 'This cluster no longer exists.' });
    expect(await (await db()).operation.count()).toBe(before);
  });

  it('start-up marks interrupted what an earlier process of this instance left running, and keeps its lock', async () => {
    const prisma = await db();
    const earlier = { id: `${thisRunner().id.split('#')[0]}#0000`, leaseMs: 60_000 };
    const claim = await createOperation({ kind: 'scripted', clusterId, reason: '', actor, steps: planned, runner: earlier });
    if (!claim.ok) throw new Error(claim.message);
    await prisma.operation.update({ where: { id: claim.operationId }, data: { status: 'running' } });
    const startedAt = new Date('2026-11-22T05:33:11.000Z');
    await prisma.operationStep.updateMany({ where: { operationId: claim.operationId }, data: { status: 'running', startedAt, progress: { done: 1, total: 2, unit: 'count', ratePerSecond: null, etaSeconds: null, at: '2026-11-22T05:33:11.067Z' } } });
    await runner.startRunner();
    expect(await operation(claim.operationId)).toMatchObject({ status: 'interrupted', outcome: interruptedOutcome(earlier.id), steps: [{ status: 'failed', outcome: expect.stringMatching(/^Interrupted/) }] });
    expect(await prisma.operationStep.findFirst({ where: { operationId: claim.operationId }, select: { finishedAt: true } })).toEqual({ finishedAt: new Date('2026-11-22T05:33:11.067Z') });
    expect(await prisma.operation.count({ where: { clusterId, status: { in: ['running', 'pending'] } } })).toBe(0);
    expect(await lockOf(clusterId)).toBe(claim.operationId);
    const second = await start();
    expect(second).toEqual({ ok: false, message: expect.stringContaining(`Operation ${claim.operationId} is already running`) });
    expect(await runner.cancelStoredOperation(claim.operationId, actor)).toEqual({ ok: true, operationId: claim.operationId });
    expect(await operation(claim.operationId)).toMatchObject({ status: 'cancelled' });
    expect(await lockOf(clusterId)).toBeNull();
  });
});

describe('runner', () => {
  it('runs an operation to success and releases the lock', async () => {
    reset();
    const claim = await start('try');
    if (!claim.ok) throw new Error(claim.message);
    expect(await runner.waitForOperation(claim.operationId)).toEqual({ status: 'succeeded', outcome: 'All 3 steps succeeded.' });
    expect(await operation(claim.operationId)).toMatchObject({ status: 'succeeded', steps: [{ status: 'succeeded' }, { status: 'succeeded' }, { status: 'succeeded' }] });
    expect(await lockOf(clusterId)).toBeNull();
  });

  it('resumes a failed operation from the first step whose check fails', async () => {
    reset();
    const claim = await startFailed();
    expect((await operation(claim.operationId)).status).toBe('failed');
    expect(await lockOf(clusterId)).toBeNull();
    script.failB = false;
    script.calls = [];
    expect(await runner.resumeStoredOperation(claim.operationId, actor)).toEqual({ ok: true, operationId: claim.operationId });
    expect(await runner.waitForOperation(claim.operationId)).toMatchObject({ status: 'succeeded' });
    expect(script.calls).toEqual(['check a', 'check b', 'run b', 'verify b', 'check c', 'run c', 'verify c']);
    expect((await operation(claim.operationId)).steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(await runner.resumeStoredOperation(claim.operationId, actor)).toMatchObject({ ok: false, message: expect.stringMatching(/is succeeded/) });
  });

  it('resumes an interrupted operation to completion', async () => {
    reset();
    script.done.add('a');
    const [target] = await (await import('@/lib/db/hosts')).loadStepTargets({ names: ['pg1'] });
    const earlier = { id: `${thisRunner().id.split('#')[0]}#0001`, leaseMs: 60_000 };
    const claim = await createOperation({ kind: 'scripted', clusterId, reason: '', actor, steps: scriptedSteps().map((step) => ({ name: step.name, host: step.host, target: target ?? null, commands: [], adminDetail: null })), runner: earlier });
    if (!claim.ok) throw new Error(claim.message);
    await runner.startRunner();
    expect((await operation(claim.operationId)).status).toBe('interrupted');
    expect(await runner.resumeStoredOperation(claim.operationId, actor)).toMatchObject({ ok: true });
    expect(await runner.waitForOperation(claim.operationId)).toEqual({ status: 'succeeded', outcome: 'All 3 steps succeeded (1 already in place).' });
    expect(await lockOf(clusterId)).toBeNull();
  });

  it('refuses to resume when the plan no longer matches the stored steps', async () => {
    reset();
    const claim = await startFailed();
    script.steps = 2;
    expect(await runner.resumeStoredOperation(claim.operationId, actor)).toMatchObject({ ok: false, message: expect.stringMatching(/plan .* has changed/) });
    expect((await operation(claim.operationId)).status).toBe('failed');
  });

  it('cancels a running operation: the step and the operation end cancelled, the lock is released', async () => {
    reset();
    let release = () => undefined as void;
    script.gate = new Promise<void>((resolve) => { release = resolve; });
    const claim = await start();
    if (!claim.ok) throw new Error(claim.message);
    await vi.waitFor(async () => expect((await operation(claim.operationId)).steps[1]?.status).toBe('running'));
    expect(runner.isRunningHere(claim.operationId)).toBe(true);
    expect(await runner.cancelStoredOperation(claim.operationId, actor)).toEqual({ ok: true, operationId: claim.operationId });
    expect(await runner.waitForOperation(claim.operationId)).toEqual({ status: 'cancelled', outcome: 'Cancelled during step 2 “b” on pg1 by ops@example.com.' });
    release();
    expect((await operation(claim.operationId)).steps.map((step) => step.status)).toEqual(['succeeded', 'cancelled', 'pending']);
    expect(await lockOf(clusterId)).toBeNull();
    expect(await runner.cancelStoredOperation(claim.operationId, actor)).toMatchObject({ ok: false, message: expect.stringMatching(/already ended \(cancelled\)/) });
  });
});

describe('owned runs', () => {
  const prisma = async () => db();
  const expireLease = async (id: number) => (await prisma()).operation.update({ where: { id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });

  it('leaves another live instance’s operation alone, refuses to resume or cancel it naming that instance, and takes it over once its lease expires', async () => {
    reset();
    const [target] = await (await import('@/lib/db/hosts')).loadStepTargets({ names: ['pg1'] });
    const steps = scriptedSteps().map((step) => ({ name: step.name, host: step.host, target: target ?? null, commands: [], adminDetail: null }));
    const claim = await createOperation({ kind: 'scripted', clusterId, reason: '', actor, steps, runner: otherInstance });
    if (!claim.ok) throw new Error(claim.message);
    await (await prisma()).operation.update({ where: { id: claim.operationId }, data: { status: 'running' } });
    await runner.startRunner();
    expect((await operation(claim.operationId)).status).toBe('running');
    const named = expect.stringContaining(`running in Tandem instance ${otherInstance.id}, which still holds its lease`);
    expect(await runner.resumeStoredOperation(claim.operationId, actor)).toEqual({ ok: false, message: named });
    expect(await runner.cancelStoredOperation(claim.operationId, actor)).toEqual({ ok: false, message: named });
    expect(script.calls).toEqual([]);

    await expireLease(claim.operationId);
    expect(await runner.resumeStoredOperation(claim.operationId, actor)).toEqual({ ok: true, operationId: claim.operationId });
    expect(await runner.waitForOperation(claim.operationId)).toMatchObject({ status: 'succeeded' });
    expect(await (await prisma()).operation.findUniqueOrThrow({ where: { id: claim.operationId }, select: { runnerId: true } })).toEqual({ runnerId: thisRunner().id });
    const audit = await (await prisma()).auditEvent.findFirst({ where: { action: 'operation.resume', targetId: String(claim.operationId) }, select: { summary: true } });
    expect(audit?.summary).toMatch(/which was interrupted$/);
  });

  it('a run whose operation was taken from it stops before its next step and writes nothing more', async () => {
    reset();
    let release = () => undefined as void;
    script.gate = new Promise<void>((resolve) => { release = resolve; });
    const claim = await start();
    if (!claim.ok) throw new Error(claim.message);
    await vi.waitFor(async () => expect((await operation(claim.operationId)).steps[1]?.status).toBe('running'));
    await (await prisma()).operation.update({ where: { id: claim.operationId }, data: { runnerId: otherInstance.id } });
    release();
    expect(await runner.waitForOperation(claim.operationId)).toBeNull();
    expect(script.calls).not.toContain('check c');
    const stored = await operation(claim.operationId);
    expect(stored.status).toBe('running');
    expect(stored.steps.map((step) => step.status)).toEqual(['succeeded', 'running', 'pending']);
    await (await prisma()).operation.update({ where: { id: claim.operationId }, data: { status: 'cancelled' } });
    await (await prisma()).clusterLock.deleteMany({ where: { operationId: claim.operationId } });
  });

  it('refuses to resume, running nothing, when a host was edited since the operation was planned', async () => {
    reset();
    const claim = await startFailed();
    script.failB = false;
    script.calls = [];
    await (await prisma()).host.update({ where: { name: 'pg1' }, data: { sshAddress: '192.0.2.99' } });
    try {
      const refused = await runner.resumeStoredOperation(claim.operationId, actor);
      expect(refused).toEqual({ ok: false, message: expect.stringContaining('pg1: address 192.0.2.10 → 192.0.2.99') });
      expect(script.calls).toEqual([]);
      expect((await operation(claim.operationId)).status).toBe('failed');
    } finally {
      await (await prisma()).host.update({ where: { name: 'pg1' }, data: { sshAddress: '192.0.2.10' } });
    }
  });

  it('refuses a stored operation whose params no longer parse', async () => {
    reset();
    const claim = await startFailed();
    const strict = defineOperationKind({ kind: 'scripted', params: z.object({ candidate: z.string() }), plan: async () => ({ steps: scriptedSteps() }) });
    runner.setRunnerKinds((name) => (name === 'scripted' ? strict : null));
    try {
      expect(await runner.resumeStoredOperation(claim.operationId, actor)).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`^Operation ${claim.operationId}'s scripted parameters are not what this Tandem version expects \\(candidate: `)) });
    } finally {
      runner.setRunnerKinds((name) => (name === 'scripted' ? scripted : null));
    }
  });

  it('asks the kind\'s precondition before planning, and records nothing when it refuses', async () => {
    const before = await (await prisma()).operation.count();
    const refusing = defineOperationKind({ kind: 'scripted', params: z.object({}), precondition: async () => 'The cluster is not ready for this.', plan: async () => ({ steps: scriptedSteps() }) });
    expect(await runner.startOperation(refusing, { clusterId, params: {}, reason: '', actor })).toEqual({ ok: false, message: 'The cluster is not ready for this.' });
    expect(await (await prisma()).operation.count()).toBe(before);
  });
});
