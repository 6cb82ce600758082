import { describe, expect, it } from 'vitest';
import { planPromote } from '../plan-promote';
import type { RoutingHook } from '../plan-types';
import { member, ordersCluster } from '../testing/failover-fixture';
import { MemoryRecorder } from '../testing/memory-recorder';
import { RUN_STARTED_MS, runSteps } from '../testing/run-steps';
import { exit, ScriptedHost } from '../testing/scripted-host';
import { scriptPromotable } from '../testing/scripted-members';

const HOOK: RoutingHook = { hostId: 13, hostName: 'lb1', command: "ip addr add 10.88.0.100/24 dev eth0 && echo 'moved'", timeoutMs: 5_000, env: [] };
const HOOK_COMMAND = String.raw`sh -c 'ip addr add 10.88.0.100/24 dev eth0 && echo '\''moved'\'''`;

function promotePlan(recorder: MemoryRecorder) {
  return planPromote({
    cluster: ordersCluster,
    params: { candidate: 'pg2', oldPrimary: null, fence: 'stop', requestedAtMs: RUN_STARTED_MS, referenceLsn: null, overrideBytes: null, members: [member('pg2', 12)], token: 'tok12345', reason: 'pg1 lost' },
    hooks: [HOOK],
  }, recorder);
}

describe('the record steps, through the promote plan', () => {
  it('records the new primary, then runs each routing hook as sh -c on its host as root, and notifies', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder(null);
    scriptPromotable(host, 'pg2');
    host.onShell('lb1', HOOK_COMMAND, exit(0, 'moved'));

    const run = await runSteps(promotePlan(recorder), host);

    expect(run.outcomes.slice(1)).toEqual(['succeeded: Done and verified.', 'succeeded: 1 routing hook ran.', 'succeeded: pg2 was promoted to primary of orders.']);
    expect(host.ran('lb1')).toEqual([`[lb1 as root] ${HOOK_COMMAND}`]);
    expect(run.steps[2]?.adminDetail).toEqual({ commands: [`[lb1 as root] ${HOOK_COMMAND}`], outputTail: 'routing hook 1 on lb1: running\nlb1: moved\nrouting hook 1 on lb1: ran, exit 0\n' });
    expect([run.steps[2]?.commands, run.steps[2]?.outputTail]).toEqual([['routing hook 1 on lb1'], 'routing hook 1 on lb1: running\nrouting hook 1 on lb1: ran, exit 0\n']);
    expect(recorder.notified).toEqual([{ event: 'promote', summary: 'pg2 was promoted to primary of orders.' }]);
  });

  it('fails, after the topology is recorded and without notifying, when a routing hook fails', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder(null);
    scriptPromotable(host, 'pg2');
    host.onShell('lb1', HOOK_COMMAND, exit(2, '', 'RTNETLINK answers: File exists'));

    const run = await runSteps(promotePlan(recorder), host);

    expect(run.result.outcome).toBe('Failed at step 3 “Run the routing hooks”: The routing hook on lb1 exited 2; clients may still be routed to the old primary.');
    expect(recorder.primary).toBe('pg2');
    expect(recorder.notified).toEqual([]);
  });

  it('passes over the topology when Tandem already records the candidate as the primary', async () => {
    const host = new ScriptedHost();
    const recorder = new MemoryRecorder('pg2');
    scriptPromotable(host, 'pg2');
    host.onShell('lb1', HOOK_COMMAND, exit(0));

    const run = await runSteps(promotePlan(recorder), host);

    expect(run.outcomes[1]).toBe('skipped: Already in place: Record pg2 as the primary in Tandem.');
    expect(recorder.changes).toEqual([]);
  });
});
