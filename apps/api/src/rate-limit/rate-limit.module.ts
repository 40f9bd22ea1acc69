import { createHash } from 'node:crypto';
import { DynamicModule, ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, ThrottlerOptions } from '@nestjs/throttler';
import { Request } from 'express';
import { credentialFrom } from '../auth/bearer';
import { canonicalSpelling } from '../auth/compact-jwt';
import { AppConfig } from '../config/app-config';
import { clientIp } from './client-ip';
import { RateLimitGuard } from './rate-limit.guard';

export const BY_IP = 'ip';
export const BY_TOKEN = 'token';

/** A caller's counter: one per address or token for all routes (and stream upgrades), never keyed by the raw token. */
export function rateLimitKey(throttler: string, tracker: string): string {
  return createHash('sha256').update(`${throttler}:${tracker}`).digest('base64url');
}

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<Request>();
// Probes must keep answering under a flood, or the balancer takes a healthy replica out.
const isProbe = (context: ExecutionContext) => requestOf(context).path.startsWith('/health/');
const credentialOf = (request: Request) => credentialFrom(request.headers.authorization);

/**
 * Request limits per client address and per bearer token, counted in memory on each replica. Global guards
 * run in the order their modules are imported: AppModule imports this one before AuthModule, so a flood is
 * refused before its tokens are verified.
 */
@Module({})
export class RateLimitModule {
  static forRoot(config: AppConfig): DynamicModule {
    const { perIp, perToken, windowMs: ttl } = config.rateLimit;
    const throttlers: ThrottlerOptions[] = [];
    if (perIp > 0) throttlers.push({ name: BY_IP, limit: perIp, ttl, getTracker: (req) => clientIp(req as Request, config.http.trustProxyHops) });
    if (perToken > 0) {
      // Counted by canonical spelling: re-encodings of one token share its counter.
      const tracker = (req: Record<string, unknown>) => canonicalSpelling(credentialOf(req as unknown as Request) ?? '');
      throttlers.push({ name: BY_TOKEN, limit: perToken, ttl, getTracker: tracker, skipIf: (context) => isProbe(context) || credentialOf(requestOf(context)) === undefined });
    }
    return {
      module: RateLimitModule,
      imports: [ThrottlerModule.forRoot({ throttlers, setHeaders: false, skipIf: isProbe, generateKey: (_context, tracker, name) => rateLimitKey(name, tracker) })],
      // Without limits there is no guard at all (the stock one warns when it has nothing to do).
      providers: throttlers.length > 0 ? [{ provide: APP_GUARD, useClass: RateLimitGuard }] : [],
    };
  }
}
