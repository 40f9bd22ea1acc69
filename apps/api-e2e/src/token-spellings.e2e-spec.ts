import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { openStream } from './support/stream-client';
import { nthRespelling, respellings } from './support/token-spellings';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

const UNAUTHORIZED = { title: expect.stringContaining('Unauthorized'), errorCode: 'Unauthorized', errorId: expect.any(String) };
const SPELLINGS = ['padding appended', "the last character's unused bits flipped", '-_ written as +/', '!!! inserted'];

describeLocal('tokens: one spelling each, and what may not grow with them', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;
  /** A trusted issuer whose discovery document is missing; counts what it is asked. */
  let broken: Server;
  let brokenIssuer: string;
  let discoveryRequests = 0;

  const getUser = (token: string) => fetch(`${sut.url}/user`, { headers: { authorization: `Bearer ${token}` } });
  const fromToken = (body: object) => fetch(`${sut.url}/users/authenticate/from_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const expectRejected = async (res: Response) => {
    await expect(res).toHaveStatus(401);
    expect(await res.json()).toEqual(UNAUTHORIZED);
  };

  beforeAll(async () => {
    idp = await TestIssuer.start();
    broken = createServer((_req, res) => {
      discoveryRequests++;
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    brokenIssuer = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
    sut = await serviceUnderTest({ OIDC_ISSUERS: `${idp.issuer},${brokenIssuer}`, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID, OIDC_JWKS_COOLDOWN_MS: '60000' });
  });
  afterAll(async () => {
    await sut.close();
    await idp.stop();
    await new Promise((resolve) => broken.close(resolve));
  });

  describe('POST /user/clear', () => {
    it.each(SPELLINGS)('ends the token in every spelling: %s is 401 afterwards, on requests and stream upgrades', async (name) => {
      const token = await idp.accessToken(`clear-${SPELLINGS.indexOf(name)}`);
      await expect(await fromToken({ access_token: token })).toHaveStatus(200);
      await expect(await getUser(token)).toHaveStatus(200);
      await expect(await fetch(`${sut.url}/user/clear`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).toHaveStatus(204);
      await expectRejected(await getUser(token));
      const spelling = respellings(token)[name];
      await expectRejected(await getUser(spelling));
      await expect(openStream(sut.url, { token: spelling })).rejects.toMatchObject({ status: 401 });
      await expect(openStream(sut.url, { token: spelling, via: 'query' })).rejects.toMatchObject({ status: 401 });
    });
  });

  describe('wherever a JWT enters', () => {
    it.each(SPELLINGS)('refuses a re-spelling (%s) of a valid token as a bearer, a stream credential, and an access or ID token in from_token', async (name) => {
      const sub = `entry-${SPELLINGS.indexOf(name)}`;
      const [token, idToken] = await Promise.all([idp.accessToken(sub), idp.idToken(sub)]);
      const [spelling, idSpelling] = [respellings(token)[name], respellings(idToken)[name]];
      await expectRejected(await getUser(spelling));
      await expectRejected(await fromToken({ access_token: spelling }));
      await expectRejected(await fromToken({ access_token: token, id_token: idSpelling }));
      await expect(openStream(sut.url, { token: spelling })).rejects.toMatchObject({ status: 401 });
      // The canonical spellings are fine.
      await expect(await fromToken({ access_token: token, id_token: idToken })).toHaveStatus(200);
      await expect(await getUser(token)).toHaveStatus(200);
    });

    it('refuses a few thousand distinct ~15 KB spellings of one valid token, every one 401', async () => {
      const token = await idp.accessToken('large', { padding: 'x'.repeat(10_000) });
      expect(token.length).toBeGreaterThan(13_000);
      await expect(await getUser(token)).toHaveStatus(200);
      const statuses = new Map<number, number>();
      const count = 3000;
      let next = 0;
      const worker = async () => {
        for (let n = next++; n < count; n = next++) {
          const res = await getUser(nthRespelling(token, n));
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      expect(Object.fromEntries(statuses)).toEqual({ 401: count });
      await expect(await getUser(token)).toHaveStatus(200);
    });
  });

  describe('discovery', () => {
    it('asks a trusted issuer whose discovery answers 404 once per cool-down, not on every token', async () => {
      const token = await idp.sign({ iss: brokenIssuer, sub: 'someone', aud: API_AUDIENCE });
      for (let i = 0; i < 5; i++) await expectRejected(await getUser(token));
      expect(discoveryRequests).toBe(1);
    });
  });
});
