import { IncomingMessage } from 'node:http';
import { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { ThrottlerStorage } from '@nestjs/throttler';
import { STREAM_CLOSE_CODES } from '@roster/dto';
import { WebSocketServer } from 'ws';
import { Principal } from '../auth/principal';
import { TokenVerifier } from '../auth/token-verifier.service';
import { AppConfig } from '../config/app-config';
import { databaseUnavailable } from '../database/postgres-errors';
import { BY_IP, rateLimitKey } from '../rate-limit/rate-limit.module';
import { clientIp } from '../rate-limit/client-ip';
import { BEARER_PROTOCOL, streamCredential } from './stream-credential';
import { StreamAdmission } from './stream-admission';
import { StreamHub } from './stream-hub.service';
import { EventStreamHub } from './event-stream-hub.service';
import { FeedPosition } from '../events/event-row';
import { can } from '../auth/principal';
import { UUID_PATTERN } from '../users/user-ids';

/** The live event feed's path; every other WebSocket path is the user stream's. */
export const EVENT_STREAM_PATH = '/v1/events/stream';

export type StreamRequest = IncomingMessage & { principal?: Principal; credential?: string; feedStart?: FeedPosition | null };
type Verdict = (accept: boolean, code?: number, message?: string, headers?: Record<string, string>) => void;

/**
 * The ws adapter, with the token checked before the upgrade is accepted (a gateway's handleConnection
 * runs only after the 101): a missing or failing credential is refused with 401.
 */
export class StreamWsAdapter extends WsAdapter {
  private readonly admission: StreamAdmission;

  constructor(
    app: INestApplicationContext,
    private readonly verifier: TokenVerifier,
    private readonly hub: StreamHub,
    private readonly events: EventStreamHub,
    private readonly rateLimits: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {
    super(app);
    this.admission = new StreamAdmission(config.stream.maxConnections, config.stream.maxPerIp);
  }

  override create(port: number, options: Record<string, unknown> = {}): WebSocketServer {
    return super.create(port, {
      ...options,
      maxPayload: 4096,
      verifyClient: (info: { req: IncomingMessage }, done: Verdict) => void this.verify(info.req as StreamRequest, done, options.path === EVENT_STREAM_PATH),
      // Echo the protocol name, never the token that follows it.
      handleProtocols: (protocols: Set<string>) => (protocols.has(BEARER_PROTOCOL) ? BEARER_PROTOCOL : false),
    });
  }

  /** Shutdown: a close frame to every subscriber, then the server. */
  override async close(server: WebSocketServer): Promise<void> {
    for (const client of server.clients) client.close(STREAM_CLOSE_CODES.goingAway, 'server shutting down');
    await new Promise((resolve) => setTimeout(resolve, 100));
    return super.close(server);
  }

  private async verify(request: StreamRequest, done: Verdict, eventFeed: boolean): Promise<void> {
    // Caps and the address's request limit first: a connect flood is turned away before any token is verified.
    const limit = this.config.rateLimit;
    const address = clientIp(request, this.config.http.trustProxyHops);
    if (limit.perIp > 0) {
      const { isBlocked, timeToBlockExpire } = await this.rateLimits.increment(rateLimitKey(BY_IP, address), limit.windowMs, limit.perIp, limit.windowMs, BY_IP);
      if (isBlocked) return done(false, 429, 'Too many requests from this address', { 'Retry-After': String(Math.max(1, timeToBlockExpire)) });
    }
    const admission = this.admission.admit(address);
    if (admission === 'server full') return done(false, 503, 'Too many stream connections on this server');
    if (admission === 'address full') return done(false, 429, 'Too many stream connections from this address');
    // The socket closes whether the upgrade is refused below, fails, or the stream ends later.
    request.socket.once('close', () => this.admission.release(address));
    const credential = streamCredential(request);
    if (credential === undefined) return done(false, 401, 'Unauthorized');
    try {
      const principal = await this.verifier.verifyBearer(credential);
      if (eventFeed) return await this.admitFollower(request, principal, credential, done);
      if (principal.kind !== 'user' || !principal.userId) return done(false, 403, 'Forbidden');
      if (this.hub.countFor(principal.userId) >= this.config.stream.maxPerUser) return done(false, 429, 'Too Many Requests');
      request.principal = principal;
      request.credential = credential;
      done(true);
    } catch (error) {
      // A database that cannot answer says nothing about the token: the client should retry, not sign in again.
      if (databaseUnavailable(error)) return done(false, 503, 'Service Unavailable');
      done(false, 401, 'Unauthorized');
    }
  }

  /** The event feed: `events:read`, and `after` (if any) an eventId still kept. */
  private async admitFollower(request: StreamRequest, principal: Principal, credential: string, done: Verdict): Promise<void> {
    if (!can(principal, 'events:read')) return done(false, 403, 'Forbidden');
    const after = new URL(request.url ?? '/', 'http://localhost').searchParams.get('after');
    if (after !== null && !UUID_PATTERN.test(after.toLowerCase())) return done(false, 400, 'after must be an eventId');
    const start = await this.events.startAfter(after === null ? null : after.toLowerCase());
    if (start === 'unknown') return done(false, 404, 'No event has this eventId (never recorded, or purged)');
    request.principal = principal;
    request.credential = credential;
    request.feedStart = start;
    done(true);
  }
}
