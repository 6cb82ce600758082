// One Tandem instance for the two-instance lab test: starts its operation runner on the
// database named by DATABASE_URL (as TANDEM_INSTANCE_NAME), prints READY <runner id>, then
// answers one JSON request per stdin line with one JSON line: promote, resume or cancel.
// Run: node --conditions=react-server --import tsx lib/operations/testing/instance-child.ts
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { thisRunner } from '@/lib/operations/instance';
import { requestPromote } from '@/lib/operations/promote/request';
import { cancelStoredOperation, resumeStoredOperation, startRunner } from '@/lib/operations/runner';

const actor = { id: null, email: 'lab@example.com', clientAddress: null };
const request = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('promote'), clusterId: z.number(), candidate: z.string(), reason: z.string() }),
  z.object({ cmd: z.literal('resume'), id: z.number() }),
  z.object({ cmd: z.literal('cancel'), id: z.number() }),
]);

await startRunner();
console.log(`READY ${thisRunner().id}`);

for await (const line of createInterface({ input: process.stdin })) {
  const asked = request.parse(JSON.parse(line));
  const answer = asked.cmd === 'promote'
    ? await requestPromote(asked.clusterId, { candidate: asked.candidate, confirmName: 'orders', reason: asked.reason, acknowledgeDown: false, overrideBytes: '' }, actor, Date.now())
    : asked.cmd === 'resume' ? await resumeStoredOperation(asked.id, actor) : await cancelStoredOperation(asked.id, actor);
  console.log(`REPLY ${JSON.stringify(answer)}`);
}
