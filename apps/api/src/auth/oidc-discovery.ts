import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, JWTVerifyGetKey } from 'jose';
import { AppConfig } from '../config/app-config';

const DISCOVERY_TIMEOUT_MS = 5000;

/**
 * JWKS of the configured issuers, discovered from `/.well-known/openid-configuration` on first use.
 * jose caches the keys and refetches on an unknown `kid` at most once per OIDC_JWKS_COOLDOWN_MS (a minute; key rotation).
 * A failed discovery is remembered for the same cool-down, so a trusted issuer that answers 404 is asked once
 * per cool-down, not on every request carrying its `iss`.
 * Only called for issuers already matched against configuration: an unknown `iss` causes no request.
 */
@Injectable()
export class OidcDiscovery {
  private readonly keySets = new Map<string, { keys: Promise<JWTVerifyGetKey>; failedAt?: number }>();

  constructor(private readonly config: AppConfig) {}

  keysFor(issuer: string): Promise<JWTVerifyGetKey> {
    const known = this.keySets.get(issuer);
    if (known && (known.failedAt === undefined || Date.now() - known.failedAt < this.config.auth.jwksCooldownMs)) return known.keys;
    const attempt: { keys: Promise<JWTVerifyGetKey>; failedAt?: number } = { keys: this.discover(issuer) };
    attempt.keys.catch(() => (attempt.failedAt = Date.now()));
    this.keySets.set(issuer, attempt);
    return attempt.keys;
  }

  private async discover(issuer: string): Promise<JWTVerifyGetKey> {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`discovery of ${issuer} answered ${response.status}`);
    const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
    if (document.issuer?.replace(/\/+$/, '') !== issuer || !document.jwks_uri) throw new Error(`discovery of ${issuer} returned another issuer or no jwks_uri`);
    return createRemoteJWKSet(new URL(document.jwks_uri), { cooldownDuration: this.config.auth.jwksCooldownMs, cacheMaxAge: 10 * 60_000, timeoutDuration: DISCOVERY_TIMEOUT_MS });
  }
}
