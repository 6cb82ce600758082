import { describe, expect, it } from 'vitest';
import { fakeStep } from '@/lib/replication/engine/fake-step';
import { sh } from '@/lib/ssh/shell';
import { runSteps } from './run-steps';
import { exit, ok, ScriptedHost } from './scripted-host';

describe('ScriptedHost', () => {
  it('answers by host and rendered command, newest rule first, a rule with times only so often', async () => {
    const host = new ScriptedHost();
    host.onShell('pg1', /^pg_ctlcluster /, exit(0, 'any'));
    host.onShell('pg1', "pg_ctlcluster '15' 'main' status", exit(3), { times: 1 });
    host.onShell('pg2', "pg_ctlcluster '15' 'main' status", exit(0, 'pg2'));
    const status = sh`pg_ctlcluster ${'15'} ${'main'} status`;
    expect((await host.shell.exec('pg1', status, { as: 'root' })).code).toBe(3);
    expect((await host.shell.exec('pg1', status, { as: 'root' })).stdout).toBe('any');
    expect((await host.shell.exec('pg2', status)).stdout).toBe('pg2');
    expect(host.ran('pg1')).toEqual(["[pg1 as root] pg_ctlcluster '15' 'main' status", "[pg1 as root] pg_ctlcluster '15' 'main' status"]);
    expect(host.ran('pg2')).toEqual(["[pg2 as login] pg_ctlcluster '15' 'main' status"]);
  });

  it('matches SQL by predicate on text and params, and answers from state that earlier calls changed', async () => {
    const host = new ScriptedHost();
    let promoted = false;
    host.onSql('pg2', 'SELECT pg_promote() AS promoted', () => { promoted = true; return [{ promoted: 't' }]; });
    host.onSql('pg2', (text, call) => text.startsWith('SELECT NOT pg_is_in_recovery()') && call.params.who === 'me', () => ok(promoted));
    expect((await host.pg.query('pg2', 'SELECT NOT pg_is_in_recovery() AS ok', { params: { who: 'me' } })).rows).toEqual([{ ok: 'f' }]);
    await host.pg.query('pg2', 'SELECT pg_promote() AS promoted');
    expect((await host.pg.query('pg2', 'SELECT NOT pg_is_in_recovery() AS ok', { params: { who: 'me' } })).rows).toEqual([{ ok: 't' }]);
    expect(host.ran()).toEqual(['[pg2 psql] SELECT NOT pg_is_in_recovery() AS ok\n  with who=me', '[pg2 psql] SELECT pg_promote() AS promoted', '[pg2 psql] SELECT NOT pg_is_in_recovery() AS ok\n  with who=me']);
  });

  it('rejects an unscripted call with its text, and fails the run even when the step swallowed the error', async () => {
    const host = new ScriptedHost();
    await expect(host.pg.query('pg3', 'SELECT 1')).rejects.toThrow('Unscripted call: [pg3 psql] SELECT 1');
    const quiet = fakeStep('probe', [], { holds: (ctx) => ctx.shell.exec('pg1', sh`true`, { as: 'root' }).then(() => true, () => false) });
    await expect(runSteps([quiet], new ScriptedHost())).rejects.toThrow('Unscripted calls:\n[pg1 as root] true');
  });

  it('lets a hanging call time out as the SSH layer would, in fake time', async () => {
    const host = new ScriptedHost();
    host.onShell('pg1', 'true', 'hang');
    const probe = fakeStep('probe', [], { holds: async (ctx) => { await ctx.shell.exec('pg1', sh`true`, { as: 'root', timeoutMs: 30_000 }); return true; } });
    const run = await runSteps([probe], host);
    expect(run.outcomes).toEqual(['failed: root@pg1:22 did not start the command within 30 s; the connection may be dead.']);
    expect(run.metrics?.durationMs).toBe(30_000);
  });

  it('ends a run whose call hangs without any timeout instead of spinning on', async () => {
    const host = new ScriptedHost();
    host.onShell('pg1', 'true', 'hang');
    const probe = fakeStep('probe', [], { holds: async (ctx) => { await ctx.shell.exec('pg1', sh`true`, { as: 'root' }); return true; } });
    await expect(runSteps([probe], host)).rejects.toThrow('The steps stopped without finishing and no timer is pending');
  });
});
