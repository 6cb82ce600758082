import { describe, expect, it } from 'vitest';
import { replicationTlsOptions } from './member-files';

const base = { clusterName: 'orders', passwordMethod: 'scram-sha-256' as const };

describe('the TLS options of a replication connection', () => {
  it('verifies the server by Tandem\'s CA and its name, binds SCRAM to the session, and names the method where libpq can', () => {
    expect(replicationTlsOptions({ ...base, tls: true, verified: true, major: 15 })).toEqual({ sslmode: 'verify-full', sslrootcert: '/etc/tandem/tls/orders/ca.crt', channel_binding: 'require' });
    expect(replicationTlsOptions({ ...base, tls: true, verified: true, major: 17 })).toEqual({ sslmode: 'verify-full', sslrootcert: '/etc/tandem/tls/orders/ca.crt', channel_binding: 'require', require_auth: 'scram-sha-256' });
    expect(replicationTlsOptions({ ...base, passwordMethod: 'md5', tls: true, verified: true, major: 18 })).toEqual({ sslmode: 'verify-full', sslrootcert: '/etc/tandem/tls/orders/ca.crt', require_auth: 'md5' });
  });

  it('keeps a cluster set up with its own certificates encrypted (require), and a cluster without TLS at prefer', () => {
    expect(replicationTlsOptions({ ...base, tls: true, verified: false, major: 15 })).toEqual({ sslmode: 'require' });
    expect(replicationTlsOptions({ ...base, tls: false, verified: false, major: 15 })).toEqual({ sslmode: 'prefer' });
  });
});
