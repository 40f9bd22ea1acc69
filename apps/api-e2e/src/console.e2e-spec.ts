import { createServer, IncomingMessage, Server } from 'node:http';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { launchChromium } from './support/browser';
import { auditScreen, AxeSummary, seriousOrCritical } from './support/console-page';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { signIn } from './support/sign-in';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';

const CONSOLE_CLIENT = 'roster-console';

/** The console as an operator uses it, in headless Chromium: issue 17's Proof, screen by screen, with axe-core on each. */
describeLocal('the console (/console) in Chromium', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;
  let browser: Browser;
  let context: BrowserContext;
  let tab: Page;
  let receiver: Server;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  const adminKey = newAccessKey('sc_admin');
  const axe: AxeSummary[] = [];
  const problems: string[] = [];
  let target: Awaited<ReturnType<typeof signIn>>;

  const audit = async (screen: string) => expect(seriousOrCritical(await auditScreen(tab, screen, axe))).toEqual([]);
  const heading = (name: string | RegExp) => tab.getByRole('heading', { level: 1, name });
  const nav = (name: string) => tab.getByRole('navigation', { name: 'Console' }).getByRole('link', { name });
  const eventsOf = (type: string) => sut.database!.query(`SELECT actor_type, actor_id, user_id, data FROM events WHERE type = $1 ORDER BY seq`, [type]);

  beforeAll(async () => {
    idp = await TestIssuer.start();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk)).on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    sut = await serviceUnderTest({
      OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey,
      CONSOLE_OIDC_ISSUER: idp.issuer, CONSOLE_OIDC_CLIENT_ID: CONSOLE_CLIENT, OIDC_PERMISSIONS_CLAIMS: `${idp.issuer}=roster_permissions`,
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_POLL_MS: '200', CONSOLE_SIGN_IN_LINK: 'true',
    });
    // 1,000 users to search among, and one who signs in (a session to end) and whose email we type part of.
    await sut.database!.factory.users(Array.from({ length: 1000 }, (_, i) => ({ userId: `seed|${i}`, name: `Seed User ${i}`, email: `seed${i}@example.org` })));
    target = await signIn(sut.url, idp, 'grace-target', { claims: { sid: 'grace-1' }, idToken: true });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    tab = await context.newPage();
    tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    tab.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.close();
    await idp?.stop();
    await new Promise((done) => receiver?.close(done));
  });

  it('opens the one-time sign-in link: the Overview, with the code gone from the address bar', async () => {
    const link = /(http:\/\/\S+\/console\/#code=[A-Za-z0-9_-]+)/.exec(sut.service!.stderr())![1];
    await tab.goto(link);
    await heading('Overview').waitFor();
    expect(tab.url()).not.toContain('code=');
    await tab.getByText('Users', { exact: true }).first().waitFor();
    await tab.locator('.figure', { hasText: /^1,001$/ }).waitFor();
    await audit('overview');
  });

  it('finds one user among 1,000 by typing part of their email', async () => {
    await nav('Users').click();
    await heading('Users').waitFor();
    await tab.getByLabel(/^Search/).pressSequentially('ce-targ');
    await tab.getByRole('link', { name: 'grace-target' }).waitFor();
    await tab.locator('caption', { hasText: '1 user on this page' }).waitFor();
    await audit('users');
  });

  it('edits the name, meets an If-Match conflict made behind its back, and keeps its edit', async () => {
    await tab.getByRole('link', { name: 'grace-target' }).click();
    await heading('grace-target').waitFor();
    await tab.getByLabel('Name', { exact: true }).fill('Grace Brewster Hopper');
    const etag = (await callAs(adminKey, sut.url)('GET', '/v1/users/grace-target')).headers.get('etag')!;
    const behind = await fetch(`${sut.url}/v1/users/grace-target`, {
      method: 'PATCH', body: JSON.stringify({ name: 'Behind Your Back' }),
      headers: { authorization: `Bearer ${await clientToken(adminKey, sut.url)}`, 'content-type': 'application/json', 'if-match': etag },
    });
    await expect(behind).toHaveStatus(200);
    await tab.getByRole('button', { name: 'Save' }).click();
    const conflict = tab.getByTestId('edit-conflict');
    await conflict.getByText('Behind Your Back').waitFor();
    await audit('user-conflict');
    await conflict.getByRole('button', { name: /Keep my edit/ }).click();
    await tab.getByRole('button', { name: 'Save' }).click();
    await tab.getByText('Saved.').waitFor();
    expect(((await (await callAs(adminKey, sut.url)('GET', '/v1/users/grace-target')).json()) as { name: string }).name).toBe('Grace Brewster Hopper');
  });

  it('ends a session: its token is refused from then on', async () => {
    expect((await fetch(`${sut.url}/user`, { headers: { authorization: `Bearer ${target.token}` } })).status).toBe(200);
    await tab.getByRole('button', { name: /^End the session/ }).click();
    await tab.getByText('Session ended.').waitFor();
    expect((await fetch(`${sut.url}/user`, { headers: { authorization: `Bearer ${target.token}` } })).status).toBe(401);
  });

  it('creates a tenant and moves the user into it', async () => {
    await nav('Tenants').click();
    await heading('Tenants').waitFor();
    await tab.getByLabel('Tenant id (optional)').fill('acme');
    await tab.getByLabel('Name', { exact: true }).fill('Acme Corp');
    await tab.getByRole('button', { name: 'Create tenant' }).click();
    await tab.getByRole('cell', { name: 'Acme Corp' }).waitFor();
    await audit('tenants');
    await tab.goBack();
    await heading('Grace Brewster Hopper').waitFor();
    await tab.getByLabel(/^Tenant \(now/).selectOption('acme');
    await tab.getByRole('button', { name: 'Move to tenant' }).click();
    await tab.getByText('Moved to acme.').waitFor();
    await audit('user');
  });

  it('deletes the user with a confirmation and watches the job finish and the user disappear', async () => {
    await tab.getByRole('button', { name: 'Delete user…' }).click();
    await tab.getByRole('alertdialog').getByRole('button', { name: 'Yes, delete' }).click();
    await tab.getByTestId('deletion-status').getByText(/^Deleted: no row of this user remains/).waitFor({ timeout: 30_000 });
    await tab.getByRole('link', { name: 'Back to users' }).click();
    await tab.getByLabel(/^Search/).fill('ce-targ');
    await tab.locator('caption', { hasText: '0 users on this page' }).waitFor();
  });

  it('creates a service client with a permission it holds, and a key shown once', async () => {
    await nav('Service clients').click();
    await heading('Service clients').waitFor();
    await tab.getByLabel('Name', { exact: true }).fill('reporting');
    await tab.getByRole('checkbox', { name: 'users:read' }).check();
    await tab.getByRole('button', { name: 'Create client' }).click();
    await heading('reporting').waitFor();
    await tab.getByRole('button', { name: 'Create access key' }).click();
    const key = await tab.getByTestId('new-access-key').textContent();
    expect(key).toMatch(/^sc_[^.]+\.[^.]+\.acc_test\./);
    const reader = await clientToken(key!, sut.url);
    expect((await fetch(`${sut.url}/v1/users?limit=1`, { headers: { authorization: `Bearer ${reader}` } })).status).toBe(200);
    await audit('client');
    await nav('Service clients').click();
    await heading('Service clients').waitFor();
    await audit('clients');
  });

  it('creates a webhook and sees a delivery after a profile update', async () => {
    await nav('Webhooks').click();
    await heading('Webhooks').waitFor();
    const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    await tab.getByLabel('Endpoint URL').fill(url);
    await tab.getByLabel(/^Event types/).fill('user.*');
    await tab.getByRole('button', { name: 'Create webhook' }).click();
    await tab.getByText(/^whsec_/).waitFor();
    await audit('webhooks');
    await tab.getByRole('link', { name: url }).click();
    const linus = await signIn(sut.url, idp, 'linus-hook', { idToken: true });
    await fetch(`${sut.url}/user/update`, { method: 'POST', headers: { authorization: `Bearer ${linus.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Linus Hooked' }) });
    const row = tab.getByTestId('deliveries').getByRole('row').filter({ hasText: 'user.updated' }).filter({ hasText: 'delivered' });
    for (let i = 0; i < 100 && !(await row.count()); i++) {
      await tab.getByRole('button', { name: 'Refresh deliveries' }).click();
      await tab.waitForTimeout(200);
    }
    await row.first().waitFor();
    expect(received.some((delivery) => delivery.body.includes('"user.updated"') && delivery.body.includes('Linus Hooked') === false)).toBe(true);
    await audit('webhook');
  });

  it('finds each action in the audit log with the console as the actor', async () => {
    const consoleActor = { actor_type: 'console', actor_id: expect.stringMatching(/^link:/) };
    expect((await eventsOf('console.signed_in'))[0]).toMatchObject(consoleActor);
    expect(await eventsOf('user.updated')).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor_type: 'client', actor_id: 'sc_admin', user_id: 'grace-target' }),
      expect.objectContaining({ ...consoleActor, user_id: 'grace-target' }),
    ]));
    expect(await eventsOf('user.signed_out')).toEqual([expect.objectContaining({ ...consoleActor, user_id: 'grace-target' })]);
    expect(await eventsOf('tenant.created')).toEqual([expect.objectContaining(consoleActor)]);
    expect(await eventsOf('tenant.user_linked')).toEqual([expect.objectContaining({ ...consoleActor, user_id: 'grace-target' })]);
    expect(await eventsOf('user.deletion_requested')).toEqual([expect.objectContaining({ ...consoleActor, user_id: 'grace-target' })]);
    expect(await eventsOf('client.created')).toEqual(expect.arrayContaining([expect.objectContaining(consoleActor)])); // and the bootstrap admin's, by the system
    expect(await eventsOf('client.access_key_created')).toEqual(expect.arrayContaining([expect.objectContaining(consoleActor)]));
    expect(await eventsOf('webhook.created')).toEqual([expect.objectContaining(consoleActor)]);
  });

  it('shows the audit log filtered by type and actor, and tails the change feed live', async () => {
    await nav('Audit log').click();
    await heading('Audit log').waitFor();
    await tab.getByLabel(/^Type/).fill('user.*');
    await tab.getByLabel('User', { exact: true }).fill('grace-target');
    await tab.getByRole('button', { name: 'Filter' }).click();
    const recorded = tab.getByTestId('recorded events');
    for (const type of ['user.deletion_requested', 'user.signed_out', 'user.updated']) {
      await recorded.getByRole('row').filter({ hasText: type }).filter({ hasText: /console: link:/ }).first().waitFor();
    }
    await tab.getByRole('checkbox', { name: /Live tail/ }).check();
    await tab.getByLabel(/^Type/).fill('tenant.*');
    await tab.getByLabel('User', { exact: true }).fill('');
    await tab.getByRole('button', { name: 'Filter' }).click();
    await tab.getByText('Waiting for events…').waitFor();
    await expect(await callAs(adminKey, sut.url)('POST', '/v1/tenants', { tenantId: 'live-tail', data: { name: 'Live' } })).toHaveStatus(201);
    await tab.getByTestId('live events').getByRole('row').filter({ hasText: 'tenant.created' }).filter({ hasText: 'client: sc_admin' }).waitFor();
    await audit('events');
  });

  it('is usable 390 px wide and follows the dark mode, on the Users screen', async () => {
    await tab.setViewportSize({ width: 390, height: 844 });
    await tab.emulateMedia({ colorScheme: 'dark' });
    await nav('Users').click();
    await heading('Users').waitFor();
    await tab.locator('caption', { hasText: /on this page/ }).waitFor();
    expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await tab.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(17, 20, 24)');
    await audit('users-390-dark');
    // Keyboard: from the top of a freshly loaded page (the session survives a reload), Tab reaches the skip link, then the navigation.
    await tab.reload();
    await heading('Users').waitFor();
    await tab.keyboard.press('Tab');
    expect(await tab.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await tab.keyboard.press('Tab');
    expect(await tab.evaluate(() => document.activeElement?.textContent)).toBe('Overview');
  });

  it('signs out: the session token is refused afterwards', async () => {
    const token = await tab.evaluate(() => JSON.parse(sessionStorage.getItem('roster.console.session')!).token as string);
    await tab.getByRole('button', { name: 'Sign out' }).click();
    await heading('Roster console').waitFor();
    expect((await fetch(`${sut.url}/v1/users?limit=1`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect(problems.filter((text) => !/status of (401|404|412)/.test(text))).toEqual([]);
  });

  it("signs in through the console's OIDC provider (code + PKCE), with only the mapped claim's permissions", async () => {
    idp.signInAs = { sub: 'ops|ada', claims: { roster_permissions: ['users:read', 'tenants:read', '*', 'clients:write'] } };
    const oidcTab = await (await browser.newContext()).newPage();
    await oidcTab.goto(`${sut.url}/console/`);
    await oidcTab.getByRole('button', { name: /^Sign in with/ }).click();
    await oidcTab.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await oidcTab.getByText(`Signed in: ${idp.issuer}|ops|ada`).waitFor();
    const links = await oidcTab.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents();
    expect(links).toEqual(['Overview', 'Users', 'Tenants']); // no clients:write, no webhooks: the claim cannot grant them
    expect(oidcTab.url()).not.toMatch(/code=|state=/);
  });
});
