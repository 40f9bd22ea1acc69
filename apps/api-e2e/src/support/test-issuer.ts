import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
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
  /** Who the authorization endpoint signs in next (it asks no questions), with extra ID-token claims. */
  signInAs: { sub: string; claims: JWTPayload } = { sub: 'operator', claims: {} };
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; nonce?: string }>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(): Promise<TestIssuer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = new TestIssuer(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
    server.on('request', (req, res) => void issuer.serve(req, res));
    await issuer.addKey('RS256');
    return issuer;
  }

  /**
   * Discovery, JWKS, and an authorization server for the code flow with PKCE (S256) that signs in `signInAs` at
   * once: enough for oidc-client-ts in a browser, which reads discovery and redeems the code cross-origin (CORS).
   */
  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', this.issuer);
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify(body));
    if (req.method === 'OPTIONS') return void res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' }).end();
    if (url.pathname === '/.well-known/openid-configuration') {
      return void json(200, {
        issuer: this.issuer, jwks_uri: `${this.issuer}/jwks`, authorization_endpoint: `${this.issuer}/authorize`, token_endpoint: `${this.issuer}/token`,
        response_types_supported: ['code'], code_challenge_methods_supported: ['S256'], id_token_signing_alg_values_supported: ['RS256', 'ES256'],
      });
    }
    if (url.pathname === '/jwks') return void json(200, { keys: this.keys.map((key) => ({ ...key.publicJwk, kid: key.kid, alg: key.alg, use: 'sig' })) });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return void json(400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('base64url');
      this.codes.set(code, { clientId: q.get('client_id') ?? '', redirectUri: q.get('redirect_uri') ?? '', challenge: q.get('code_challenge')!, nonce: q.get('nonce') ?? undefined });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      if (q.get('state')) back.searchParams.set('state', q.get('state')!);
      return void res.writeHead(302, { location: back.href }).end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const grant = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!grant || grant.redirectUri !== form.get('redirect_uri') || grant.clientId !== form.get('client_id') || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
        return void json(400, { error: 'invalid_grant' });
      }
      const { sub, claims } = this.signInAs;
      const idToken = await this.sign({ sub, aud: grant.clientId, azp: grant.clientId, ...(grant.nonce ? { nonce: grant.nonce } : {}), ...claims });
      return void json(200, { access_token: await this.accessToken(sub), id_token: idToken, token_type: 'Bearer', expires_in: 3600 });
    }
    json(404, {});
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
