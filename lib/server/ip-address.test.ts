import { describe, expect, it } from 'vitest';
import { addressMatcher, isAddressOrRange, normalizeAddress, throttleNetwork } from './ip-address';

describe('normalizeAddress', () => {
  it('keeps IPv4 and writes IPv6 one way', () => {
    expect(normalizeAddress(' 203.0.113.9 ')).toBe('203.0.113.9');
    expect(normalizeAddress('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normalizeAddress('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(normalizeAddress('::')).toBe('::');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
  });

  it('turns IPv4-mapped IPv6 (a dual-stack socket) into IPv4', () => {
    expect(normalizeAddress('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(normalizeAddress('::FFFF:c633:6404')).toBe('198.51.100.4');
    expect(normalizeAddress('0:0:0:0:0:ffff:198.51.100.4')).toBe('198.51.100.4');
  });

  it('drops brackets and ports', () => {
    expect(normalizeAddress('[2001:db8::7]:443')).toBe('2001:db8::7');
    expect(normalizeAddress('[2001:db8::7]')).toBe('2001:db8::7');
    expect(normalizeAddress('192.0.2.1:8080')).toBe('192.0.2.1');
  });

  it('refuses anything that is not an address', () => {
    for (const hostile of ['', 'unknown', 'localhost', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.4 OR 1=1', '<script>', '::ffff:1.2.3', 'a'.repeat(5000), '2001:db8::1::2', '[1.2.3.4]x']) {
      expect(normalizeAddress(hostile)).toBeNull();
    }
  });
});

describe('trusted proxy ranges', () => {
  it('accepts addresses and CIDR ranges of both families, nothing else', () => {
    for (const entry of ['10.0.0.1', '10.0.0.0/8', '0.0.0.0/0', '::1', 'fd00::/8', '2001:db8::/128']) expect(isAddressOrRange(entry)).toBe(true);
    for (const entry of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/8/8', 'fd00::/129', 'fd00::/-1', '[::1]/128', 'proxy.internal', '10.0.0.0/8x']) expect(isAddressOrRange(entry)).toBe(false);
  });

  it('matches addresses inside the ranges, mapped IPv4 included', () => {
    const trusted = addressMatcher(['10.0.0.0/8', '192.0.2.7', 'fd00::/8']);
    expect(['10.200.1.1', '::ffff:10.0.0.5', '192.0.2.7', 'fd12:3456::1'].map(trusted)).toEqual([true, true, true, true]);
    expect(['11.0.0.1', '192.0.2.8', 'fe80::1', 'garbage'].map(trusted)).toEqual([false, false, false, false]);
  });

  it('trusts nothing by default', () => {
    expect(addressMatcher([])('127.0.0.1')).toBe(false);
  });
});

describe('throttleNetwork', () => {
  it('counts IPv4 per address and IPv6 per /64', () => {
    expect(throttleNetwork('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(throttleNetwork('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttleNetwork('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(throttleNetwork('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });
});
