import { describe, expect, it } from 'vitest';
import { buildConninfo, conninfoValue } from './conninfo';

describe('conninfo', () => {
  it('quotes every value and escapes quotes and backslashes', () => {
    expect(conninfoValue("pa'ss\\word")).toBe("'pa\\'ss\\\\word'");
    expect(conninfoValue(5432)).toBe("'5432'");
    expect(conninfoValue('')).toBe("''");
  });

  it('keeps an injected keyword inside the value', () => {
    const built = buildConninfo({ host: "10.0.0.1' sslmode='disable", port: 5432, user: 'replicator', application_name: undefined });
    expect(built).toBe("host='10.0.0.1\\' sslmode=\\'disable' port='5432' user='replicator'");
  });

  it('refuses bad keywords and NUL', () => {
    expect(() => buildConninfo({ 'host x': 'a' })).toThrow(/keyword/);
    expect(() => buildConninfo({ host: 'a\0' })).toThrow(/NUL/);
  });
});
