import { errors, jwtVerify, SignJWT } from 'jose';
import { deriveKey } from '../crypto/secret-box';

/**
 * A console session's bearer token: a JWT naming the session, MACed with a key derived from ROSTER_SECRET_KEY (so any
 * replica verifies it). It carries no permissions: those, and whether the session still holds, are read from the
 * session's row, so sign-out ends it everywhere. Its `iss` names no origin: replicas behind different addresses
 * accept each other's tokens.
 */
export const CONSOLE_ISSUER = 'urn:roster:console';
const AUDIENCE = 'roster-console';

export class ConsoleTokens {
  private readonly key: Buffer;

  readonly issuer = CONSOLE_ISSUER;

  constructor(secretKey: string) {
    this.key = deriveKey(secretKey, 'console-session');
  }

  sign(sessionId: string, expiresAt: number): Promise<string> {
    return new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer(this.issuer).setAudience(AUDIENCE)
      .setSubject(sessionId).setIssuedAt().setExpirationTime(expiresAt).sign(this.key);
  }

  /** The session id, or the reason the token fails. */
  async verify(token: string): Promise<{ sessionId: string } | { failure: 'expired' | 'invalid' }> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: this.issuer, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['sub', 'exp', 'iat'] });
      return { sessionId: payload.sub! };
    } catch (error) {
      return { failure: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
