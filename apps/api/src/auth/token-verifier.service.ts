import { Injectable } from '@nestjs/common';
import { decodeJwt, decodeProtectedHeader, errors, JWTPayload, jwtVerify, JWTVerifyGetKey, KeyLike, ProtectedHeaderParameters } from 'jose';
import { AppConfig } from '../config/app-config';
import { tokenHash } from './bearer';
import { requireCanonicalJwt } from './compact-jwt';
import { CredentialStateRepository } from './credential-state.repository';
import { OidcDiscovery } from './oidc-discovery';
import { OwnIssuerService } from './own-issuer.service';
import { permissionsFromClaim } from './permissions';
import { RevocationEpoch } from './revocation-epoch.service';
import { ConsoleSessionsRepository } from '../console/console-sessions.repository';
import { ConsoleTokens } from '../console/console-token';
import { ClientPrincipal, ConsolePrincipal, Principal, UserPrincipal } from './principal';
import { CredentialFailure, unauthorized } from './unauthorized';
import { VerifiedTokenCache } from './verified-token-cache';

const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
export const CLOCK_SKEW_SECONDS = 30;
const MAX_CLIENT_TOKEN_SECONDS = 24 * 3600;
/** `aud` of ID tokens minted by our own CLI; an ID-token audience for our own issuer only. */
export const OWN_CLIENT_ID = 'roster-cli';
const CACHE_ENTRIES = 50_000;
const CACHE_BYTES = 32 * 1024 * 1024;
/** What a cached principal holds, roughly: its decoded claims (about the token's size) and the entry around them. */
const cachedBytes = (token: string) => 2 * token.length + 512;

/** Verifies end-user tokens (configured OIDC issuers, our own issuer) and service-client tokens. */
@Injectable()
export class TokenVerifier {
  private readonly cache: VerifiedTokenCache<Principal>;
  private readonly consoleTokens: ConsoleTokens;

  constructor(
    private readonly config: AppConfig,
    private readonly discovery: OidcDiscovery,
    private readonly ownIssuer: OwnIssuerService,
    private readonly state: CredentialStateRepository,
    private readonly epoch: RevocationEpoch,
    private readonly consoleSessions: ConsoleSessionsRepository,
  ) {
    this.consoleTokens = new ConsoleTokens(config.secretKey);
    this.cache = new VerifiedTokenCache(config.auth.tokenCache ? CACHE_ENTRIES : 0, CACHE_BYTES);
    epoch.onChange(() => this.cache.clear());
  }

  /** A bearer credential: an access token (API audience) or a service-client token. */
  async verifyBearer(token: string): Promise<Principal> {
    // Every token that is accepted is canonical, so its hash keys the cache, sessions and limits alike. Only
    // canonical tokens enter the cache, so a hit needs no spelling check: every other token gets it before its verification.
    const key = tokenHash(token);
    const cached = this.cache.get(key);
    if (cached) return cached;
    requireCanonicalJwt(token);
    const revocationsSeen = this.epoch.changesSeen;
    const principal = await this.verify(token, 'access');
    // A revocation seen while verifying may postdate the state just read: then don't cache it.
    if (this.epoch.changesSeen === revocationsSeen) this.cache.set(key, principal, principal.expiresAt, cachedBytes(token));
    return principal;
  }

  /** A bearer credential checked against the database now, bypassing the cache (long-lived streams). */
  verifyFresh(token: string): Promise<Principal> {
    return this.verify(requireCanonicalJwt(token), 'access');
  }

  /** An ID token from a from_token/select body: the audience is one of OIDC_CLIENT_IDS (or our CLI's, for our own issuer). */
  async verifyIdToken(token: string): Promise<UserPrincipal> {
    const principal = await this.verify(requireCanonicalJwt(token), 'id');
    if (principal.kind !== 'user') throw unauthorized('invalid');
    return principal;
  }

  private async verify(token: string, use: 'access' | 'id'): Promise<Principal> {
    let header: ProtectedHeaderParameters;
    let payload: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      payload = decodeJwt(token);
    } catch {
      throw unauthorized('malformed');
    }
    if (typeof payload.iss !== 'string') throw unauthorized('malformed');
    if (payload.iss === this.consoleTokens.issuer) {
      if (use !== 'access') throw unauthorized('invalid');
      return this.verifyConsole(token);
    }
    if (!header.alg || !ALGORITHMS.includes(header.alg)) throw unauthorized('invalid');
    const issuer = payload.iss.replace(/\/+$/, '');
    if (this.ownIssuer.enabled && issuer === this.ownIssuer.issuer) return this.verifyUser(token, issuer, this.ownIssuer.verificationKeys, use);
    if (this.config.auth.oidcIssuers.includes(issuer)) return this.verifyUser(token, issuer, await this.discovery.keysFor(issuer).catch(() => Promise.reject(unauthorized('invalid'))), use);
    const clientId = serviceClientId(payload.iss);
    if (use === 'access' && clientId !== undefined) return this.verifyClient(token, clientId, header);
    // Not a configured issuer: refused before any network call.
    throw unauthorized('invalid');
  }

  private idTokenAudiences(issuer: string): string[] {
    // A `roster-cli` app in a realm we trust must not sign people in: that audience is ours alone.
    return issuer === this.ownIssuer.issuer ? [...this.config.auth.oidcClientIds, OWN_CLIENT_ID] : this.config.auth.oidcClientIds;
  }

  private async verifyUser(token: string, issuer: string, keys: JWTVerifyGetKey, use: 'access' | 'id'): Promise<UserPrincipal> {
    const audience = use === 'access' ? this.config.auth.oidcAudience : this.idTokenAudiences(issuer);
    const claims = await checked(jwtVerify(token, keys, { audience, algorithms: ALGORITHMS, clockTolerance: CLOCK_SKEW_SECONDS, requiredClaims: ['iat', 'exp', 'sub'] }));
    if (use === 'id' && claims.azp !== undefined && !audience.includes(String(claims.azp))) throw unauthorized('invalid');
    const hash = tokenHash(token);
    const sid = typeof claims.sid === 'string' ? claims.sid : undefined;
    const state = await this.state.forUserToken(issuer, claims.sub!, sid, hash);
    const issuedBefore = (seconds: number | undefined) => seconds !== undefined && claims.iat! <= seconds;
    if (state.deleting || state.sessionEnded || issuedBefore(state.validAfter) || issuedBefore(state.deletedAt)) throw unauthorized('revoked');
    const claim = issuer === this.ownIssuer.issuer ? 'permissions' : this.config.auth.permissionClaims.get(issuer);
    return {
      kind: 'user',
      issuer,
      subject: claims.sub!,
      userId: state.userId,
      publicUserId: state.publicUserId,
      sessionId: state.sessionId,
      tokenHash: hash,
      claims,
      permissions: claim ? permissionsFromClaim(claims[claim]) : [],
      expiresAt: claims.exp!,
    };
  }

  /** A console session's token: our own MAC, then the session's row (ended by sign-out, or past its end). */
  private async verifyConsole(token: string): Promise<ConsolePrincipal> {
    const verified = await this.consoleTokens.verify(token);
    if ('failure' in verified) throw unauthorized(verified.failure);
    const state = await this.consoleSessions.state(verified.sessionId);
    if (!state || state.ended) throw unauthorized('revoked');
    if (state.expiresAt <= Date.now() / 1000) throw unauthorized('expired');
    return { kind: 'console', sessionId: verified.sessionId, operator: state.operator, permissions: state.permissions, expiresAt: state.expiresAt };
  }

  private async verifyClient(token: string, clientId: string, header: ProtectedHeaderParameters): Promise<ClientPrincipal> {
    if (header.alg !== 'EdDSA' || !header.kid) throw unauthorized('invalid');
    const key = await this.state.forClientKey(clientId, header.kid);
    if (!key) throw unauthorized('invalid');
    const claims = await checked(jwtVerify(token, key.publicKey as KeyLike, { audience: this.config.auth.serviceClientAudience, algorithms: ['EdDSA'], clockTolerance: CLOCK_SKEW_SECONDS, requiredClaims: ['iat', 'exp', 'sub'] }));
    if (claims.sub !== clientId || (claims.client_id !== undefined && claims.client_id !== clientId)) throw unauthorized('invalid');
    if (claims.exp! - claims.iat! > MAX_CLIENT_TOKEN_SECONDS) throw unauthorized('invalid');
    // Revocation is told only to a token that verified against the key.
    if (key.revoked) throw unauthorized('revoked');
    await this.state.touchClientKey(clientId, header.kid);
    return { kind: 'client', clientId, keyId: header.kid, permissions: key.permissions, expiresAt: claims.exp! };
  }
}

/** `<any origin>/v1/clients/<clientId>` → clientId. */
export function serviceClientId(iss: string): string | undefined {
  try {
    const match = /^\/v\d+\/clients\/([^/]+)$/.exec(new URL(iss).pathname);
    return match ? decodeURIComponent(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** jose's verification plus what it leaves out: `iat` may not lie in the future. */
async function checked(verification: Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await verification);
  } catch (error) {
    throw unauthorized(failureOf(error));
  }
  if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) throw unauthorized('invalid');
  return payload;
}

/** jose checks the signature before the claims, so `expired` and a claim's absence are told only to signed tokens. */
function failureOf(error: unknown): CredentialFailure {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed && (error.reason === 'missing' || error.reason === 'invalid')) return 'malformed';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  return 'invalid';
}
