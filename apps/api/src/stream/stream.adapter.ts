import { IncomingMessage } from 'node:http';
import { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { STREAM_CLOSE_CODES } from '@roster/dto';
import { WebSocketServer } from 'ws';
import { Principal } from '../auth/principal';
import { TokenVerifier } from '../auth/token-verifier.service';
import { AppConfig } from '../config/app-config';
import { databaseUnavailable } from '../database/postgres-errors';
import { BEARER_PROTOCOL, streamCredential } from './stream-credential';
import { StreamHub } from './stream-hub.service';

export type StreamRequest = IncomingMessage & { principal?: Principal & { kind: 'user' }; credential?: string };
type Verdict = (accept: boolean, code?: number, message?: string) => void;

/**
 * The ws adapter, with the token checked before the upgrade is accepted (a gateway's handleConnection
 * runs only after the 101): a missing or failing credential is refused with 401.
 */
export class StreamWsAdapter extends WsAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly verifier: TokenVerifier,
    private readonly hub: StreamHub,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override create(port: number, options: Record<string, unknown> = {}): WebSocketServer {
    return super.create(port, {
      ...options,
      maxPayload: 4096,
      verifyClient: (info: { req: IncomingMessage }, done: Verdict) => void this.verify(info.req as StreamRequest, done),
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

  private async verify(request: StreamRequest, done: Verdict): Promise<void> {
    const credential = streamCredential(request);
    if (credential === undefined) return done(false, 401, 'Unauthorized');
    try {
      const principal = await this.verifier.verifyBearer(credential);
      if (principal.kind !== 'user' || !principal.userId) return done(false, 403, 'Forbidden');
      if (this.hub.countFor(principal.userId) >= this.config.env.STREAM_MAX_PER_USER) return done(false, 429, 'Too Many Requests');
      request.principal = principal as Principal & { kind: 'user' };
      request.credential = credential;
      done(true);
    } catch (error) {
      // A database that cannot answer says nothing about the token: the client should retry, not sign in again.
      if (databaseUnavailable(error)) return done(false, 503, 'Service Unavailable');
      done(false, 401, 'Unauthorized');
    }
  }
}
