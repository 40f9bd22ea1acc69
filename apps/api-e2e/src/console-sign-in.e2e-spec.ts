import { spawnSync } from 'node:child_process';
import { createTestDatabase, TestDatabase } from './support/database';
import { eventually } from './support/eventually';
import { CLI_JS } from './support/paths';
import { RunningService, startService, testSecretKey } from './support/service';
import { describeLocal } from './support/service-under-test';
import { API_AUDIENCE, TestIssuer } from './support/test-issuer';

const CONSOLE_CLIENT = 'roster-console-test';
const linkOf = (text: string) => /(http:\/\/\S+\/console\/#code=([A-Za-z0-9_-]+))/.exec(text);

describeLocal('console sign-in (/v1/console)', () => {
  let database: TestDatabase;
  let idp: TestIssuer;
  let a: RunningService;
  let b: RunningService;
  let env: Record<string, string>;

  const exchange = (body: object, url = a.url) => fetch(`${url}/v1/console/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const usersWith = (token: string, url: string) => fetch(`${url}/v1/users?limit=1`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    database = await createTestDatabase();
    idp = await TestIssuer.start();
    env = {
      DATABASE_URL: database.url, ROSTER_SECRET_KEY: testSecretKey(), CONSOLE_OIDC_ISSUER: idp.issuer, CONSOLE_OIDC_CLIENT_ID: CONSOLE_CLIENT,
      OIDC_PERMISSIONS_CLAIMS: `${idp.issuer}=roster_permissions`, OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE,
    };
    [a, b] = await Promise.all([startService({ ...env, CONSOLE_SIGN_IN_LINK: 'true' }), startService(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await idp?.stop();
    await database?.drop();
  });

  describe('POST /v1/console/sessions', () => {
    it('exchanges the link printed at start (on stderr, never in the JSON log) once, for an all-permission session of at most 8 hours', async () => {
      const printed = linkOf(a.stderr());
      expect(printed?.[1]).toMatch(new RegExp(`^${a.url}/console/#code=`));
      expect(a.stdout()).not.toContain(printed![2]);
      expect(linkOf(b.stderr())).toBeNull(); // CONSOLE_SIGN_IN_LINK unset, with DATABASE_URL: no link

      const res = await exchange({ code: printed![2] });
      await expect(res).toHaveStatus(201);
      const session = (await res.json()) as { token: string; expiresAt: string; permissions: string[]; operator: string };
      expect(session).toMatchObject({ permissions: ['*'], operator: 'link' });
      expect(Date.parse(session.expiresAt) - Date.now()).toBeLessThanOrEqual(8 * 3600 * 1000);
      await expect(await usersWith(session.token, b.url)).toHaveStatus(200);
      const [event] = await database.query(`SELECT actor_type, actor_id, data FROM events WHERE type = 'console.signed_in'`);
      expect(event).toMatchObject({ actor_type: 'console', actor_id: expect.stringMatching(/^link:[0-9a-f-]{36}$/), data: { method: 'link' } });

      const again = await exchange({ code: printed![2] });
      await expect(again).toHaveStatus(401);
      expect(await again.json()).toMatchObject({ errorCode: 'Unauthorized' });
    });

    it('refuses an unknown code with 401, and a body with both or neither credential (null counting as neither) with 400', async () => {
      await expect(await exchange({ code: 'not-a-code' })).toHaveStatus(401);
      await expect(await exchange({})).toHaveStatus(400);
      await expect(await exchange({ code: 'x', idToken: 'y' })).toHaveStatus(400);
      // null is as good as absent (the soak fuzzer found a 500 here)
      await expect(await exchange({ code: null })).toHaveStatus(400);
      await expect(await exchange({ code: null, idToken: null })).toHaveStatus(400);
    });

    it('`console-link` prints a fresh link that works once', async () => {
      const run = spawnSync(process.execPath, [CLI_JS, 'console-link'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, PORT: String(a.port) }, encoding: 'utf8' });
      expect(run.status).toBe(0);
      const link = linkOf(run.stdout);
      expect(link).not.toBeNull();
      await expect(await exchange({ code: link![2] })).toHaveStatus(201);
      await expect(await exchange({ code: link![2] })).toHaveStatus(401);
    });

    it("takes an ID token of the console's OIDC provider, with permissions from the mapped claim only (never * or clients:write)", async () => {
      const idToken = await idp.idToken('ops|grace', { aud: CONSOLE_CLIENT, azp: CONSOLE_CLIENT, roster_permissions: ['users:read', '*', 'clients:write', 'tenants:read'] });
      const res = await exchange({ idToken });
      await expect(res).toHaveStatus(201);
      const session = (await res.json()) as { token: string; permissions: string[]; operator: string };
      expect(session.permissions.sort()).toEqual(['tenants:read', 'users:read']);
      expect(session.operator).toBe(`${idp.issuer}|ops|grace`);
      await expect(await usersWith(session.token, a.url)).toHaveStatus(200);
      await expect(await fetch(`${a.url}/v1/clients`, { headers: { authorization: `Bearer ${session.token}` } })).toHaveStatus(403);
    });

    it('refuses an ID token for another audience (401) and one without mapped permissions (403)', async () => {
      await expect(await exchange({ idToken: await idp.idToken('ops|x', { roster_permissions: ['users:read'] }) })).toHaveStatus(401);
      await expect(await exchange({ idToken: await idp.idToken('ops|x', { aud: CONSOLE_CLIENT, azp: CONSOLE_CLIENT }) })).toHaveStatus(403);
    });
  });

  describe('DELETE /v1/console/sessions/current', () => {
    it('signs out on every replica: the token B had cached is refused there too', async () => {
      const run = spawnSync(process.execPath, [CLI_JS, 'console-link'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, PORT: String(a.port) }, encoding: 'utf8' });
      const { token } = (await (await exchange({ code: linkOf(run.stdout)![2] })).json()) as { token: string };
      await expect(await usersWith(token, b.url)).toHaveStatus(200);
      await expect(await usersWith(token, b.url)).toHaveStatus(200); // cached on B now

      await expect(await fetch(`${a.url}/v1/console/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).toHaveStatus(204);
      await expect(await usersWith(token, a.url)).toHaveStatus(401);
      await eventually(async () => expect((await usersWith(token, b.url)).status).toBe(401), 5000);
      expect(await database.query(`SELECT actor_type FROM events WHERE type = 'console.signed_out'`)).toEqual([{ actor_type: 'console' }]);
    });

    it('is 403 for a caller that is not a console session', async () => {
      const res = await fetch(`${a.url}/v1/console/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${await idp.accessToken('someone')}` } });
      await expect(res).toHaveStatus(403);
    });
  });

  it('GET /v1/console/configuration names the OIDC provider', async () => {
    const res = await fetch(`${a.url}/v1/console/configuration`);
    expect(await res.json()).toEqual({ oidc: { issuer: idp.issuer, clientId: CONSOLE_CLIENT } });
  });
});
