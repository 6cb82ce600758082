import { describe, expect, it } from 'vitest';
import { isConnectionLost } from '@/lib/replication/engine/types';
import { SshError } from './errors';

describe('SshError', () => {
  it('marks only a connection dropped mid-command as lost, so the engine re-checks just those steps', () => {
    expect(isConnectionLost(new SshError('disconnected', 'The connection to root@pg1 was lost while a command ran.', 'Check the host.'))).toBe(true);
    expect(isConnectionLost(new SshError('timeout', 'The command on root@pg1 did not finish.', 'Look at the tail.'))).toBe(false);
    expect(isConnectionLost(new SshError('unreachable', 'pg1 cannot be reached.', 'Check the network.'))).toBe(false);
  });
});
