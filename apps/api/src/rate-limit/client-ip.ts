import { IncomingMessage } from 'node:http';

/**
 * The caller's address for limits: the socket's, or with `trustedHops` proxies in front, the address the
 * outermost of them saw (counted from the right of X-Forwarded-For, where a client cannot forge it).
 */
export function clientIp(request: Pick<IncomingMessage, 'headers' | 'socket'>, trustedHops: number): string {
  const socketIp = request.socket?.remoteAddress ?? 'unknown';
  const forwarded = trustedHops > 0 ? String(request.headers['x-forwarded-for'] ?? '').split(',').map((entry) => entry.trim()).filter(Boolean) : [];
  const chain = [...forwarded, socketIp];
  return chain[Math.max(0, chain.length - 1 - trustedHops)].replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
