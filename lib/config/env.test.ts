import { afterEach, describe, expect, it, vi } from 'vitest';

const loadEnv = async (proxies: string | undefined) => {
  vi.resetModules();
  vi.stubEnv('TANDEM_TRUSTED_PROXIES', proxies);
  return (await import('./env')).env;
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('TANDEM_TRUSTED_PROXIES', () => {
  it('trusts no proxy by default', async () => {
    expect((await loadEnv(undefined))().TANDEM_TRUSTED_PROXIES).toEqual([]);
    expect((await loadEnv('  '))().TANDEM_TRUSTED_PROXIES).toEqual([]);
  });

  it('reads a comma-separated list of addresses and CIDR ranges', async () => {
    expect((await loadEnv(' 10.0.0.0/8, ::1 ,fd00::/8,'))().TANDEM_TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '::1', 'fd00::/8']);
  });

  it('stops start-up on an entry that is not one', async () => {
    expect(await loadEnv('10.0.0.0/8, proxy.internal')).toThrow(/TANDEM_TRUSTED_PROXIES: each entry must be an IPv4\/IPv6 address or CIDR range/);
  });
});
