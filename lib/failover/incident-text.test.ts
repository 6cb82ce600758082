import { describe, expect, it } from 'vitest';
import { connectFailure } from '@/lib/pg/connect-errors';
import { connectError } from '@/lib/ssh/errors';
import { incidentDetail } from './incident-text';

const timedOut = Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' });
const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

/** What the topology read reports for a primary that does not answer: SSH and PostgreSQL errors as they are worded. */
const errors = [
  connectError(timedOut, 'pg1', 3_000).message,
  connectError(refused, 'pg1', 3_000).message,
  connectFailure(refused, 'postgres@pg1:5432/postgres', 3_000).message,
  connectFailure(new Error('query read timeout'), 'postgres@pg1:5432/postgres', 3_000).message,
  'pg1 did not start the command within 3 s; the connection may be dead.',
  'not in the inventory any more',
];

describe('incidentDetail', () => {
  it('never doubles a full stop, whether the error ends in one or not', () => {
    for (const error of errors) expect(incidentDetail(error)).not.toMatch(/\.\./);
    expect(incidentDetail('No SSH answer from pg1 within 3 s.')).toBe('No SSH answer from pg1 within 3 s. Writes to this cluster are failing until it is back or a replica is promoted.');
    expect(incidentDetail('not in the inventory any more')).toBe('not in the inventory any more. Writes to this cluster are failing until it is back or a replica is promoted.');
  });
});
