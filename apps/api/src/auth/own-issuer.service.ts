import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { createLocalJWKSet, JSONWebKeySet, JWTPayload, JWTVerifyGetKey, SignJWT } from 'jose';
import { AppConfig } from '../config/app-config';
import { deriveKey, open, seal } from '../crypto/secret-box';
import { TransactionRunner } from '../database/unit-of-work';
import { NewSigningKey, SigningKeysRepository } from './signing-keys.repository';

/** The longest lifetime of a token we sign; a retired key stays published this long. */
export const MAX_OWN_TOKEN_SECONDS = 24 * 3600;

/** Roster's own OIDC issuer: Ed25519 keys in the database, sealed with ROSTER_SECRET_KEY, rotatable. */
@Injectable()
export class OwnIssuerService implements OnModuleInit {
  private readonly sealingKey: Buffer;
  private active?: { kid: string; key: KeyObject };
  private keySet?: JWTVerifyGetKey;
  private jwks: JSONWebKeySet = { keys: [] };
  private lastLoad = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly keys: SigningKeysRepository,
    private readonly transactions: TransactionRunner,
  ) {
    this.sealingKey = deriveKey(config.secretKey, 'signing-keys');
  }

  get enabled(): boolean {
    return this.config.auth.ownIssuer;
  }

  get issuer(): string {
    return this.config.http.publicUrl;
  }

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;
    await this.transactions.run(async (unit) => {
      await this.keys.lock(unit);
      if (!(await this.keys.hasActive(unit))) await this.keys.insert(unit, this.newKey());
    });
    await this.load();
  }

  /** Retires the current key (still published until its tokens expire) and starts signing with a new one. */
  async rotate(): Promise<string> {
    const key = this.newKey();
    await this.transactions.run(async (unit) => {
      await this.keys.lock(unit);
      await this.keys.retireActive(unit);
      await this.keys.insert(unit, key);
    });
    await this.load();
    return key.kid;
  }

  async sign(claims: JWTPayload, ttlSeconds: number, audience: string): Promise<string> {
    if (!this.active) await this.load();
    if (!this.active) throw new Error("Roster's own issuer is switched off (ROSTER_OWN_ISSUER=false)");
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.active.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + Math.min(ttlSeconds, MAX_OWN_TOKEN_SECONDS))
      .sign(this.active.key);
  }

  /** The published keys, re-read when older than a second (another replica or the CLI may have rotated). */
  async publicKeys(): Promise<JSONWebKeySet> {
    if (Date.now() - this.lastLoad > 1000) await this.load();
    return this.jwks;
  }

  /** Keys to verify our own tokens; reloads from the database when a `kid` is unknown (another replica rotated). */
  readonly verificationKeys: JWTVerifyGetKey = async (header, token) => {
    if (!this.keySet || (header.kid && !this.jwks.keys.some((key) => key.kid === header.kid) && Date.now() - this.lastLoad > 1000)) await this.load();
    return this.keySet!(header, token);
  };

  private async load(): Promise<void> {
    const publishedSince = new Date(Date.now() - MAX_OWN_TOKEN_SECONDS * 1000);
    const rows = await this.keys.publishedSince(publishedSince);
    const current = rows.find((row) => row.retiredAt === null);
    this.active = current ? { kid: current.kid, key: createPrivateKey({ key: open(current.sealedPrivateKey, this.sealingKey), format: 'der', type: 'pkcs8' }) } : undefined;
    this.jwks = { keys: rows.map((row) => ({ ...row.publicJwk, kty: 'OKP', kid: row.kid, alg: 'EdDSA', use: 'sig' })) };
    this.keySet = createLocalJWKSet(this.jwks);
    this.lastLoad = Date.now();
  }

  private newKey(): NewSigningKey {
    const { privateKey } = generateKeyPairSync('ed25519');
    const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as Record<string, string>;
    return { kid: randomBytes(8).toString('hex'), sealedPrivateKey: seal(privateKey.export({ format: 'der', type: 'pkcs8' }), this.sealingKey), publicJwk };
  }
}
