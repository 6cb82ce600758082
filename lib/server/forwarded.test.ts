import { describe, expect, it } from 'vitest';
import { resolveClientAddress } from './forwarded';
import { addressMatcher } from './ip-address';

const none = addressMatcher([]);
const proxies = addressMatcher(['10.0.0.0/8', 'fd00::/8']);

describe('resolveClientAddress', () => {
  it('is the peer when no proxy is trusted, whatever the headers claim', () => {
    expect(resolveClientAddress({ peer: '198.51.100.4', forwardedFor: '127.0.0.1' }, none)).toBe('198.51.100.4');
    expect(resolveClientAddress({ peer: '::ffff:198.51.100.4', forwardedFor: null }, none)).toBe('198.51.100.4');
  });

  it('is the peer when the peer is not a trusted proxy', () => {
    expect(resolveClientAddress({ peer: '198.51.100.4', forwardedFor: '203.0.113.1, 10.0.0.2' }, proxies)).toBe('198.51.100.4');
  });

  it('takes the right-most hop that is not a trusted proxy, not the left-most', () => {
    expect(resolveClientAddress({ peer: '10.0.0.2', forwardedFor: '203.0.113.66' }, proxies)).toBe('203.0.113.66');
    // The client sent "1.1.1.1, 10.0.0.9" itself; the proxies appended what they saw.
    expect(resolveClientAddress({ peer: '10.0.0.2', forwardedFor: '1.1.1.1, 10.0.0.9, 203.0.113.66, 10.0.0.3' }, proxies)).toBe('203.0.113.66');
    expect(resolveClientAddress({ peer: 'fd00::2', forwardedFor: '2001:db8::5,fd00::1' }, proxies)).toBe('2001:db8::5');
    expect(resolveClientAddress({ peer: '10.0.0.2', forwardedFor: '[2001:DB8::5]:5555' }, proxies)).toBe('2001:db8::5');
  });

  it('stops at a hop that is not an address rather than believe anything left of it', () => {
    expect(resolveClientAddress({ peer: '10.0.0.2', forwardedFor: '203.0.113.1, evil, 10.0.0.3' }, proxies)).toBe('10.0.0.3');
    expect(resolveClientAddress({ peer: '10.0.0.2', forwardedFor: '203.0.113.1,,' }, proxies)).toBe('10.0.0.2');
    expect(resolveClientAddress({ peer: '10.0.0.2', forwardedFor: `${'9.9.9.9,'.repeat(2000)}x` }, proxies)).toBe('10.0.0.2');
  });

  it('is the furthest trusted hop when every hop is a trusted proxy', () => {
    expect(resolveClientAddress({ peer: '10.0.0.2', forwardedFor: null }, proxies)).toBe('10.0.0.2');
    expect(resolveClientAddress({ peer: '10.0.0.2', forwardedFor: ' ' }, proxies)).toBe('10.0.0.2');
    expect(resolveClientAddress({ peer: '10.0.0.2', forwardedFor: '10.1.1.1, 10.0.0.3' }, proxies)).toBe('10.1.1.1');
  });

  it('is unknown only when the peer is', () => {
    expect(resolveClientAddress({ peer: null, forwardedFor: '203.0.113.1' }, proxies)).toBeNull();
    expect(resolveClientAddress({ peer: '', forwardedFor: '203.0.113.1' }, none)).toBeNull();
  });
});
