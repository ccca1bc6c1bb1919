import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress } from './client-address';

describe('the client address', () => {
  it('is the socket peer when no proxy is declared, whatever X-Forwarded-For says', () => {
    expect(clientAddress({ peer: '203.0.113.7', forwardedFor: '1.2.3.4' }, 0)).toBe('203.0.113.7');
    expect(clientAddress({ peer: '203.0.113.7', forwardedFor: '1.2.3.4, 5.6.7.8' }, 0)).toBe('203.0.113.7');
    expect(clientAddress({ peer: '::ffff:198.51.100.2', forwardedFor: null }, 0)).toBe('198.51.100.2');
  });

  it('behind one proxy is the address that proxy appended, not what the client wrote before it', () => {
    // The client forged "1.1.1.1"; the load balancer (peer 10.0.0.2) appended the real 203.0.113.9.
    expect(clientAddress({ peer: '10.0.0.2', forwardedFor: '1.1.1.1, 203.0.113.9' }, 1)).toBe('203.0.113.9');
  });

  it('behind two proxies walks two hops from the right and no further', () => {
    expect(clientAddress({ peer: '10.0.0.3', forwardedFor: '1.1.1.1, 203.0.113.9, 10.0.0.2' }, 2)).toBe('203.0.113.9');
    // Fewer entries than declared hops: the left-most one a proxy wrote.
    expect(clientAddress({ peer: '10.0.0.3', forwardedFor: '203.0.113.9' }, 2)).toBe('203.0.113.9');
  });

  it('stops at anything that is not an address', () => {
    expect(clientAddress({ peer: '10.0.0.2', forwardedFor: 'evil, not-an-ip' }, 1)).toBe('10.0.0.2');
    expect(clientAddress({ peer: null, forwardedFor: '1.2.3.4' }, 1)).toBeNull();
  });

  it('normalizes v4-mapped and bracketed forms and refuses junk', () => {
    expect(normalizeAddress('[::1]')).toBe('::1');
    expect(normalizeAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(normalizeAddress('127.0.0.1; drop table')).toBeNull();
    expect(normalizeAddress('')).toBeNull();
  });
});
