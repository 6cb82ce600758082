import { describe, expect, it } from 'vitest';
import { fenceEnforcedSummary } from './fence-summary';

describe('fenceEnforcedSummary', () => {
  it('says the member took writes, how fast it was stopped and what is left to do', () => {
    expect(fenceEnforcedSummary({ host: 'pg1', cluster: 'orders', trigger: 'writable', wasRunning: true, windowMs: 640 })).toBe(
      'pg1, fenced in cluster orders, answered again accepting writes. Tandem stopped it 0.6 s after it answered, turned its automatic start off (start.conf, systemd units) and wrote standby.signal, so it stays down or comes up read-only. It stays fenced: rejoin it.',
    );
  });

  it('does not claim a stop when PostgreSQL was not running', () => {
    const text = fenceEnforcedSummary({ host: 'pg1', cluster: 'orders', trigger: 'answered', wasRunning: false, windowMs: null });
    expect(text).toContain('answered again with PostgreSQL stopped. Tandem turned its automatic start off');
    expect(text).not.toContain('stopped it');
  });

  it('names a running member found over SSH', () => {
    expect(fenceEnforcedSummary({ host: 'pg1', cluster: 'orders', trigger: 'answered', wasRunning: true, windowMs: 1234 })).toContain('answered again with PostgreSQL running. Tandem stopped it 1.2 s after it answered');
  });
});
