import { describe, expect, it } from 'vitest';
import { makeOptions, makeSnapshot } from './make-snapshot';
import { planSetup } from './plan-setup';
import { planText } from './plan-test-helpers';
import { validateSetup } from './validate-setup';

describe('base backup rate limit', () => {
  it('adds --max-rate to pg_basebackup only when set', () => {
    const limited = planSetup(makeSnapshot(), makeOptions({ baseBackupMaxRateKb: 32_768 }));
    const unlimited = planSetup(makeSnapshot(), makeOptions());
    if (!limited.ok || !unlimited.ok) throw new Error('plans expected');
    expect(planText(limited.plan)).toMatch(/pg_basebackup [^\n]* --max-rate='32768'k /);
    expect(planText(unlimited.plan)).not.toContain('--max-rate');
  });

  it.each([0, 31, 1_048_577, 2.5, Number.NaN])('refuses %s kB/s', (rate) => {
    expect(validateSetup(makeSnapshot(), makeOptions({ baseBackupMaxRateKb: rate }))).toContainEqual(expect.objectContaining({ field: 'baseBackupMaxRateKb' }));
  });
});
