import { createPublicKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { eventually } from './support/eventually';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

const UNAUTHORIZED = { title: expect.stringContaining('Unauthorized'), errorCode: 'Unauthorized', errorId: expect.any(String) };
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describeLocal('auth: who is calling', () => {
  let idp: TestIssuer;
  let stranger: TestIssuer;
  let sut: ServiceUnderTest;
  const adminKey = newAccessKey('sc_bootstrap');
  const adminCall = (method: string, path: string, body?: object) => callAs(adminKey, sut.url)(method, path, body);

  /** GET a users:read route: 401 rejected, 403 accepted without the permission, 404 accepted with it. */
  const probe = (authorization?: string) => fetch(`${sut.url}/v1/users/nobody`, { headers: authorization === undefined ? {} : { authorization } });
  const expectRejected = async (authorization: string) => {
    const res = await probe(authorization);
    await expect(res).toHaveStatus(401);
    expect(await res.json()).toEqual(UNAUTHORIZED);
  };

  beforeAll(async () => {
    idp = await TestIssuer.start();
    stranger = await TestIssuer.start();
    sut = await serviceUnderTest({
      OIDC_ISSUERS: idp.issuer,
      OIDC_AUDIENCE: API_AUDIENCE,
      OIDC_CLIENT_IDS: CLIENT_ID,
      OIDC_PERMISSIONS_CLAIMS: `${idp.issuer}=roles`,
      OIDC_JWKS_COOLDOWN_MS: '500',
      ROSTER_ACCOUNT_ID: ACCOUNT_ID,
      ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey,
    });
  });
  afterAll(async () => {
    await sut.close();
    await idp.stop();
    await stranger.stop();
  });

  it('treats a caller without a credential as anonymous: 401 where one is needed', async () => {
    await expect(await probe()).toHaveStatus(401);
    await expect(await fetch(`${sut.url}/health/live`)).toHaveStatus(200);
  });

  it('accepts an access token as Bearer and bare; permissions only from the configured claim, never * or clients:write', async () => {
    const plain = await idp.accessToken('alice');
    await expect(await probe(`Bearer ${plain}`)).toHaveStatus(403);
    await expect(await probe(plain)).toHaveStatus(403);
    const reader = await idp.accessToken('alice', { roles: ['users:read'], scope: 'users:write' });
    await expect(await probe(`Bearer ${reader}`)).toHaveStatus(404);
    const greedy = await idp.accessToken('alice', { roles: ['*', 'clients:write'] });
    await expect(await probe(`Bearer ${greedy}`)).toHaveStatus(403);
    const create = await fetch(`${sut.url}/v1/clients`, { method: 'POST', headers: { authorization: `Bearer ${greedy}`, 'content-type': 'application/json' }, body: '{"name":"x"}' });
    await expect(create).toHaveStatus(403);
  });

  it('answers 401 on public routes too when a sent credential fails', async () => {
    const res = await fetch(`${sut.url}/health/live`, { headers: { authorization: 'Bearer not-a-token' } });
    await expect(res).toHaveStatus(401);
    expect(await res.json()).toEqual(UNAUTHORIZED);
  });

  describe('the attack set: each is 401 with the error body', () => {
    it('alg none', async () => {
      await expectRejected(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: idp.issuer, sub: 'alice', aud: API_AUDIENCE, iat: now(), exp: now() + 600 })}.`);
    });

    it("HS256 signed with the issuer's public key as the secret", async () => {
      const pem = createPublicKey({ key: idp.currentKey.publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
      const token = await new SignJWT({ iss: idp.issuer, sub: 'alice', aud: API_AUDIENCE, roles: ['users:read'] })
        .setProtectedHeader({ alg: 'HS256', kid: idp.currentKey.kid })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(Buffer.from(pem));
      await expectRejected(`Bearer ${token}`);
    });

    it('a valid token from an issuer that is not configured, without any request to it', async () => {
      await expectRejected(`Bearer ${await stranger.accessToken('alice')}`);
      expect(stranger.requests).toEqual([]);
    });

    it('wrong audience', async () => expectRejected(`Bearer ${await idp.accessToken('alice', { aud: 'https://other.api' })}`));
    it('expired', async () => expectRejected(`Bearer ${await idp.accessToken('alice', { iat: now() - 7200, exp: now() - 3600 })}`));
    it('nbf in the future', async () => expectRejected(`Bearer ${await idp.accessToken('alice', { nbf: now() + 3600 })}`));
    it('iat in the future', async () => expectRejected(`Bearer ${await idp.accessToken('alice', { iat: now() + 3600, exp: now() + 7200 })}`));
    it('no iat', async () => expectRejected(`Bearer ${await idp.accessToken('alice', { iat: undefined })}`));
    it('unknown kid (a key the issuer never published)', async () => {
      await expectRejected(`Bearer ${await idp.sign({ sub: 'alice', aud: API_AUDIENCE }, { key: await idp.strayKey() })}`);
    });
    it('a known kid, but signed by another key', async () => {
      const stray = await idp.strayKey();
      await expectRejected(`Bearer ${await idp.sign({ sub: 'alice', aud: API_AUDIENCE }, { key: { ...stray, kid: idp.currentKey.kid } })}`);
    });
    it.each(['garbage', 'a.b.c', '', 'Bearer', 'Basic dXNlcjpwYXNz'])('malformed: %j', async (value) => expectRejected(value));
    it('an ID token presented as a bearer token', async () => expectRejected(`Bearer ${await idp.idToken('alice')}`));

    it("a token issued before the user's tokens_valid_after", async () => {
      const { user } = await sut.database!.factory.signedUpUser({ userId: 'tva|bob', issuer: idp.issuer, subject: 'bob' });
      const old = await idp.accessToken('bob', { iat: now() - 5 });
      await expect(await probe(`Bearer ${old}`)).toHaveStatus(403);
      await sut.database!.query(`UPDATE users SET tokens_valid_after = now() WHERE id = $1`, [user.id]);
      await sut.database!.query(`UPDATE revocation_epoch SET value = value + 1`);
      await eventually(async () => expect(await probe(`Bearer ${old}`)).toHaveStatus(401));
      const fresh = await idp.accessToken('bob', { iat: now() + 2 });
      await expect(await probe(`Bearer ${fresh}`)).toHaveStatus(403);
    });

    it('a token whose session ended (by sid and by exact token)', async () => {
      const { user } = await sut.database!.factory.signedUpUser({ userId: 'sess|carol', issuer: idp.issuer, subject: 'carol' });
      const withSid = await idp.accessToken('carol', { sid: 'sid-1' });
      const withoutSid = await idp.accessToken('carol');
      const { createHash } = await import('node:crypto');
      const hash = createHash('sha256').update(withoutSid).digest('base64url');
      await sut.database!.factory.session({ user, issuer: idp.issuer, sid: 'sid-1', endedAt: new Date() });
      await sut.database!.factory.session({ user, issuer: idp.issuer, tokenHashes: [hash], endedAt: new Date() });
      await expectRejected(`Bearer ${withSid}`);
      await expectRejected(`Bearer ${withoutSid}`);
      await expect(await probe(`Bearer ${await idp.accessToken('carol', { sid: 'sid-2' })}`)).toHaveStatus(403);
    });

    it('a service-client token living longer than 24 hours, or with iat in the future', async () => {
      await expect(await probe(`Bearer ${await clientToken(adminKey, sut.url)}`)).toHaveStatus(404);
      await expectRejected(`Bearer ${await clientToken(adminKey, sut.url, { exp: now() + 86400 + 120 })}`);
      await expectRejected(`Bearer ${await clientToken(adminKey, sut.url, { iat: now() + 600, exp: now() + 3600 })}`);
    });

    it('service-client tokens with the wrong audience, subject or algorithm', async () => {
      await expectRejected(`Bearer ${await clientToken(adminKey, sut.url, { aud: 'other.accounts.authress.io' })}`);
      await expectRejected(`Bearer ${await clientToken(adminKey, sut.url, { sub: 'sc_other' })}`);
      await expectRejected(`Bearer ${await clientToken(adminKey, sut.url, {}, { kid: 'nope' })}`);
    });

    it('a revoked service-client key', async () => {
      const created = await adminCall('POST', '/v1/clients', { name: 'reader', permissions: ['users:read'] });
      const { clientId } = (await created.json()) as { clientId: string };
      const key = (await (await adminCall('POST', `/v1/clients/${clientId}/access-keys`)).json()) as { keyId: string; accessKey: string };
      const token = await clientToken(key.accessKey, 'https://anywhere.example');
      await expect(await probe(`Bearer ${token}`)).toHaveStatus(404);
      await expect(await adminCall('DELETE', `/v1/clients/${clientId}/access-keys/${key.keyId}`)).toHaveStatus(204);
      await expectRejected(`Bearer ${token}`);
      await expect(await adminCall('DELETE', `/v1/clients/${clientId}/access-keys/${key.keyId}`)).toHaveStatus(404);
    });
  });

  describe('the 401 title names the case, and only the case', () => {
    const titleOf = async (authorization?: string) => {
      const res = await probe(authorization);
      await expect(res).toHaveStatus(401);
      const body = (await res.json()) as { title: string; errorCode: string };
      expect(body.errorCode).toBe('Unauthorized');
      return body.title;
    };
    const TITLES = {
      missing: /needs a credential/,
      malformed: /not a well-formed JWT/,
      expired: /has expired/,
      signature: /signature could not be verified/,
      revoked: /has been revoked/,
    };

    it('no credential where one is required', async () => {
      expect(await titleOf()).toMatch(TITLES.missing);
      expect(await titleOf()).not.toMatch(/no longer valid/);
    });

    it.each(['garbage', 'a.b.c', '', 'Basic dXNlcjpwYXNz'])('malformed: %j', async (value) => expect(await titleOf(value)).toMatch(TITLES.malformed));

    it('expired', async () => expect(await titleOf(`Bearer ${await idp.accessToken('alice', { iat: now() - 7200, exp: now() - 3600 })}`)).toMatch(TITLES.expired));

    it('bad signature, and whatever else fails verification (unknown issuer, wrong audience), told apart from nothing', async () => {
      const stray = await idp.strayKey();
      expect(await titleOf(`Bearer ${await idp.sign({ sub: 'alice', aud: API_AUDIENCE }, { key: { ...stray, kid: idp.currentKey.kid } })}`)).toMatch(TITLES.signature);
      expect(await titleOf(`Bearer ${await stranger.accessToken('alice')}`)).toMatch(TITLES.signature);
      expect(await titleOf(`Bearer ${await idp.accessToken('alice', { aud: 'https://other.api' })}`)).toMatch(TITLES.signature);
      // An expired token with a bad signature is told it is badly signed, not that it expired.
      expect(await titleOf(`Bearer ${await idp.sign({ sub: 'alice', aud: API_AUDIENCE, iat: now() - 7200, exp: now() - 3600 }, { key: stray })}`)).toMatch(TITLES.signature);
    });

    it('revoked: an ended session, and a revoked service-client key', async () => {
      const { user } = await sut.database!.factory.signedUpUser({ userId: 'titles|fay', issuer: idp.issuer, subject: 'fay' });
      await sut.database!.factory.session({ user, issuer: idp.issuer, sid: 'sid-titles', endedAt: new Date() });
      expect(await titleOf(`Bearer ${await idp.accessToken('fay', { sid: 'sid-titles' })}`)).toMatch(TITLES.revoked);
      const created = await adminCall('POST', '/v1/clients', { name: 'titles', permissions: ['users:read'] });
      const { clientId } = (await created.json()) as { clientId: string };
      const key = (await (await adminCall('POST', `/v1/clients/${clientId}/access-keys`)).json()) as { keyId: string; accessKey: string };
      await expect(await adminCall('DELETE', `/v1/clients/${clientId}/access-keys/${key.keyId}`)).toHaveStatus(204);
      expect(await titleOf(`Bearer ${await clientToken(key.accessKey, sut.url)}`)).toMatch(TITLES.revoked);
    });

    it('each case has its own title', async () => {
      const titles = await Promise.all([
        titleOf(),
        titleOf('garbage'),
        idp.accessToken('alice', { iat: now() - 7200, exp: now() - 3600 }).then((token) => titleOf(`Bearer ${token}`)),
        stranger.accessToken('alice').then((token) => titleOf(`Bearer ${token}`)),
        idp.accessToken('fay', { sid: 'sid-titles' }).then((token) => titleOf(`Bearer ${token}`)),
      ]);
      expect(new Set(titles).size).toBe(5);
    });
  });

  it('follows a key rotation of the issuer (refetching JWKS on an unknown kid)', async () => {
    await expect(await probe(`Bearer ${await idp.accessToken('dave')}`)).toHaveStatus(403);
    const oldKid = idp.currentKey.kid;
    await idp.addKey('ES256');
    idp.dropKey(oldKid);
    const fetchesBefore = idp.requests.filter((url) => url === '/jwks').length;
    await new Promise((resolve) => setTimeout(resolve, 600)); // the configured refetch cooldown
    await expect(await probe(`Bearer ${await idp.accessToken('dave')}`)).toHaveStatus(403);
    expect(idp.requests.filter((url) => url === '/jwks').length).toBe(fetchesBefore + 1);
  });

  it('accepts an ID token only where ID tokens belong (audience = a configured client id)', async () => {
    const idToken = await idp.idToken('erin');
    await expect(await probe(`Bearer ${idToken}`)).toHaveStatus(401);
  });
});
