import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { exportJWK, generateKeyPair, JWK, JWTPayload, KeyLike, SignJWT } from 'jose';

export const API_AUDIENCE = 'https://api.roster.test';
export const CLIENT_ID = 'roster-test-app';

interface IssuerKey {
  kid: string;
  alg: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

/** A real OIDC issuer on loopback: discovery, JWKS, keys that rotate, and a log of every request it served. */
export class TestIssuer {
  readonly requests: string[] = [];
  private keys: IssuerKey[] = [];

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(): Promise<TestIssuer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = new TestIssuer(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
    server.on('request', (req, res) => {
      issuer.requests.push(req.url ?? '');
      const body =
        req.url === '/.well-known/openid-configuration'
          ? { issuer: issuer.issuer, jwks_uri: `${issuer.issuer}/jwks`, id_token_signing_alg_values_supported: ['RS256', 'ES256'] }
          : req.url === '/jwks'
            ? { keys: issuer.keys.map((key) => ({ ...key.publicJwk, kid: key.kid, alg: key.alg, use: 'sig' })) }
            : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
    await issuer.addKey('RS256');
    return issuer;
  }

  /** Adds a published signing key; new tokens are signed with it. */
  async addKey(alg: 'RS256' | 'ES256' | 'PS256' | 'EdDSA' = 'RS256'): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const kid = randomBytes(4).toString('hex');
    this.keys.unshift({ kid, alg, privateKey, publicJwk: await exportJWK(publicKey) });
    return kid;
  }

  /** Stops publishing a key (the end of a rotation). */
  dropKey(kid: string): void {
    this.keys = this.keys.filter((key) => key.kid !== kid);
  }

  get currentKey(): IssuerKey {
    return this.keys[0];
  }

  /** Signs `claims` with the current key. Defaults: iss, iat now, exp in an hour. */
  async sign(claims: JWTPayload, options: { key?: IssuerKey; header?: Record<string, unknown> } = {}): Promise<string> {
    const key = options.key ?? this.currentKey;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: this.issuer, iat: now, exp: now + 3600, ...claims })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, ...options.header })
      .sign(key.privateKey);
  }

  /** An access token for the API audience, as a provider issues it. */
  accessToken(sub: string, claims: JWTPayload = {}): Promise<string> {
    return this.sign({ sub, aud: API_AUDIENCE, scope: 'openid profile', ...claims });
  }

  /** An ID token for the app's client id, distinct from the access token. */
  idToken(sub: string, claims: JWTPayload = {}): Promise<string> {
    return this.sign({ sub, aud: CLIENT_ID, azp: CLIENT_ID, email: `${sub}@example.com`, email_verified: true, ...claims });
  }

  /** A key this issuer never published. */
  async strayKey(): Promise<IssuerKey> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    return { kid: 'stray', alg: 'RS256', privateKey, publicJwk: await exportJWK(publicKey) };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
