import { IncomingMessage } from 'node:http';
import { clientIp } from './client-ip';

const request = (remoteAddress: string, forwardedFor?: string) => ({ socket: { remoteAddress }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

describe('clientIp', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientIp(request('10.0.0.9', '1.2.3.4'), 0)).toBe('10.0.0.9');
    expect(clientIp(request('::ffff:127.0.0.1'), 0)).toBe('127.0.0.1');
  });

  it('takes the entry the trusted proxies appended, ignoring what the client put before it', () => {
    expect(clientIp(request('10.0.0.9', 'forged, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientIp(request('10.0.0.9', 'forged, 203.0.113.7, 10.0.0.5'), 2)).toBe('203.0.113.7');
  });

  it('falls back to the furthest known hop when the header is shorter than the trusted chain', () => {
    expect(clientIp(request('10.0.0.9'), 1)).toBe('10.0.0.9');
    expect(clientIp(request('10.0.0.9', '203.0.113.7'), 3)).toBe('203.0.113.7');
  });
});
