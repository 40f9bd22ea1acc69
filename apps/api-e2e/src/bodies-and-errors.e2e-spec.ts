import { connect } from 'node:net';
import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { signIn } from './support/sign-in';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

type ErrorBody = { title: string; errorCode: string; errorId: string };

/** The error body, checked for its shape and for the request id the response carries. */
async function errorBody(res: Response): Promise<ErrorBody> {
  const text = await res.text();
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body).sort()).toEqual(['errorCode', 'errorId', 'title']);
  expect(body.errorId).toBe(res.headers.get('x-request-id'));
  return body;
}

/** Raw HTTP/1.1 over a socket: everything the server writes until it closes the connection. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.on('error', (error) => (received ? resolve(received) : reject(error)));
    socket.on('close', () => resolve(received));
  });
}

describeLocal('request bodies and the errors that say what is wrong', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;
  const adminKey = newAccessKey('sc_bodies_admin');

  const call = (method: string, path: string, init: { token?: string; body?: string; type?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${sut.url}${path}`, {
      method,
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.type ? { 'content-type': init.type } : {}), ...init.headers },
      body: init.body,
    });
  const asJson = (method: string, path: string, token: string | undefined, body: unknown) => call(method, path, { token, body: JSON.stringify(body), type: 'application/json' });

  const profileOf = async (token: string) => ((await (await call('GET', '/user', { token })).json()) as { user: { name?: string; picture?: string; email?: string } }).user;

  beforeAll(async () => {
    idp = await TestIssuer.start();
    sut = await serviceUnderTest({ OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey });
  });
  afterAll(async () => {
    await sut.close();
    await idp.stop();
  });

  describe('a body that is not JSON', () => {
    it('POST /user/update with curl\'s form default: 415 with the error body, and nothing changed', async () => {
      const { token } = await signIn(sut.url, idp, 'form-alice');
      await expect(await asJson('POST', '/user/update', token, { name: 'Before' })).toHaveStatus(200);
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', undefined]) {
        const res = await call('POST', '/user/update', { token, body: '{"name":"x"}', type });
        expect([type, res.status]).toEqual([type, 415]);
        expect(await errorBody(res)).toMatchObject({ errorCode: 'UnsupportedMediaType', title: expect.stringContaining('application/json') });
      }
      expect((await profileOf(token)).name).toBe('Before');
    });

    it('POST /v1/tenants -d tenantId=formy: 415, and no tenant was created', async () => {
      const admin = await clientToken(adminKey, sut.url);
      const res = await call('POST', '/v1/tenants', { token: admin, body: 'tenantId=formy', type: 'application/x-www-form-urlencoded' });
      await expect(res).toHaveStatus(415);
      await errorBody(res);
      const tenants = (await (await call('GET', '/v1/tenants', { token: admin })).json()) as { tenants: unknown[] };
      expect(tenants.tenants).toEqual([]);
    });

    it('accepts JSON with a charset and JSON suffix types', async () => {
      const { token } = await signIn(sut.url, idp, 'form-bob');
      for (const [type, name] of [['application/json; charset=utf-8', 'Charset'], ['application/merge-patch+json', 'Suffix'], ['Application/JSON', 'Upper']]) {
        const res = await call('POST', '/user/update', { token, body: JSON.stringify({ name }), type });
        expect([type, res.status]).toEqual([type, 200]);
        expect((await profileOf(token)).name).toBe(name);
      }
    });

    it('lets a request without a body through, Content-Length: 0 included', async () => {
      const { token } = await signIn(sut.url, idp, 'form-carol');
      await expect(await call('POST', '/user/update', { token, body: '', type: 'text/plain' })).toHaveStatus(200);
      await expect(await call('POST', '/user/clear', { token })).toHaveStatus(204);
    });
  });

  describe('validation titles name the rule that failed, type first', () => {
    it.each([
      ['/user/update', { name: 5 }, 'name must be a string'],
      ['/user/update', { aesthetics: { font: { size: 'big' } } }, 'aesthetics.font.size must be an integer number'],
      ['/user/update', { name: 'x'.repeat(500), username: 7 }, 'username must be a string'],
      ['/users/authenticate/from_token', {}, 'access_token is required'],
    ])('POST %s %j: "%s"', async (path, body, title) => {
      const { token } = await signIn(sut.url, idp, 'titles-dana');
      const res = await asJson('POST', path, path === '/user/update' ? token : undefined, body);
      await expect(res).toHaveStatus(400);
      expect(await errorBody(res)).toMatchObject({ errorCode: 'ValidationError', title });
    });
  });

  describe('POST /user/beta/status and /user/update/vanity', () => {
    it.each([
      ['/user/beta/status', { user: 5 }],
      ['/user/beta/status', {}],
      ['/user/beta/status', []],
      ['/user/update/vanity', { vanityname: 5 }],
      ['/user/update/vanity', { id: ['x'], vanityname: '-' }],
    ])('answer an anonymous caller 511 whatever the body: %s %j', async (path, body) => {
      const res = await asJson('POST', path, undefined, body);
      await expect(res).toHaveStatus(511);
      expect(await errorBody(res)).toMatchObject({ errorCode: 'NetworkAuthenticationRequired' });
    });

    it('validate the body of a signed-in caller', async () => {
      const { token } = await signIn(sut.url, idp, 'beta-erin');
      await expect(await asJson('POST', '/user/beta/status', token, { user: 5 })).toHaveStatus(400);
    });
  });

  describe('wire-level refusals', () => {
    it('request headers over the limit: 431 with the error body and a request id', async () => {
      const response = await rawExchange(sut.service!.port, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      const [head, body] = response.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
      const id = /\r\nX-Request-Id: ([\w-]+)/i.exec(head)?.[1];
      expect(JSON.parse(body)).toEqual({ title: expect.any(String), errorCode: 'RequestHeaderFieldsTooLarge', errorId: id });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sut.service!.logs().find((line) => line.reqId === id)).toMatchObject({ level: 30, res: { statusCode: 431 }, msg: 'request refused' });
    });

    it.each([
      ['DELETE', '/health/live', 'GET, HEAD'],
      ['PUT', '/v1/users', 'GET, HEAD'],
      ['POST', '/v1/users/alice', 'DELETE, GET, HEAD, PATCH'],
      ['GET', '/user/update', 'POST'],
    ])('%s %s: 405 with Allow: %s', async (method, path, allow) => {
      const res = await call(method, path);
      await expect(res).toHaveStatus(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(await errorBody(res)).toMatchObject({ errorCode: 'MethodNotAllowed' });
    });

    it('OPTIONS on a known path lists its methods; unknown paths stay 404', async () => {
      const options = await call('OPTIONS', '/health/live');
      await expect(options).toHaveStatus(204);
      expect(options.headers.get('allow')).toBe('GET, HEAD');
      for (const [method, path] of [['DELETE', '/health/nope'], ['GET', '/v1/users/a/b'], ['POST', '/nothing']]) {
        const res = await call(method, path);
        expect([method, path, res.status]).toEqual([method, path, 404]);
        expect(await errorBody(res)).toMatchObject({ errorCode: 'NotFound' });
      }
    });
  });

  describe('the Python SDK\'s placeholders', () => {
    it('POST /user/update with picture https://picsum.photos/200 and email user@pieces.app keeps the stored values', async () => {
      const { token } = await signIn(sut.url, idp, 'sdk-frank', { idToken: true });
      const stored = await asJson('POST', '/user/update', token, { picture: 'https://example.com/frank.png' });
      await expect(stored).toHaveStatus(200);
      const before = await profileOf(token);
      expect(before.email).toBe('sdk-frank@example.com');
      const res = await asJson('POST', '/user/update', token, { name: 'Frank', picture: 'https://picsum.photos/200', email: 'user@pieces.app' });
      await expect(res).toHaveStatus(200);
      expect(await res.json()).toMatchObject({ name: 'Frank', picture: 'https://example.com/frank.png' });
      const after = await profileOf(token);
      expect(after).toMatchObject({ name: 'Frank', picture: 'https://example.com/frank.png' });
      expect(after.email).toBe(before.email);
    });

    it('a placeholder alone is no change, and a real picture still replaces the stored one', async () => {
      const { token } = await signIn(sut.url, idp, 'sdk-gina');
      expect((await profileOf(token)).picture).not.toBe('https://picsum.photos/200');
      await asJson('POST', '/user/update', token, { picture: 'https://picsum.photos/200' });
      expect((await profileOf(token)).picture).not.toBe('https://picsum.photos/200');
      await asJson('POST', '/user/update', token, { picture: 'https://picsum.photos/300' });
      expect((await profileOf(token)).picture).toBe('https://picsum.photos/300');
    });
  });
});
