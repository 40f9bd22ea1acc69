import { Browser } from 'playwright-core';
import { ACCOUNT_ID, clientToken, newAccessKey } from './support/access-keys';
import { launchChromium, servePage } from './support/browser';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';
import { API_AUDIENCE, CLIENT_ID, TestIssuer } from './support/test-issuer';
import type { ScenarioInput } from './browser/page';

describeLocal('the generated browser client (@roster/client-browser) in headless Chromium', () => {
  let idp: TestIssuer;
  let sut: ServiceUnderTest;
  let page: Awaited<ReturnType<typeof servePage>>;
  let browser: Browser;
  const adminKey = newAccessKey('sc_admin');

  beforeAll(async () => {
    page = await servePage('../browser/page.ts');
    idp = await TestIssuer.start();
    sut = await serviceUnderTest({ OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, OIDC_CLIENT_IDS: CLIENT_ID, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey, CORS_ORIGINS: page.origin });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sut?.close();
    await idp?.stop();
    await page?.close();
  });

  it('signs in, reads ETag and Link, updates with If-Match and receives a stream frame, cross-origin', async () => {
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    tab.on('pageerror', (error) => problems.push(error.message));
    await tab.goto(page.origin);
    await sut.database!.factory.user({ userId: 'seed|linus', name: 'Linus' }); // so a page of one has a next page

    const input: ScenarioInput = {
      serviceUrl: sut.url,
      accessToken: await idp.accessToken('google-oauth2|grace'),
      idToken: await idp.idToken('google-oauth2|grace', { name: 'Grace Hopper' }),
      adminToken: await clientToken(adminKey, sut.url),
    };
    const result = await tab.evaluate((scenarioInput) => (window as unknown as { scenario: (i: ScenarioInput) => Promise<Record<string, unknown>> }).scenario(scenarioInput), input);

    expect(new URL(String(result.origin)).port).not.toBe(new URL(sut.url).port); // a different origin: CORS applies
    expect(result).toMatchObject({
      signedInId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      etag: expect.stringMatching(/^"\d+"$/),
      updatedName: 'From the browser',
      updatedEtag: expect.stringMatching(/^"\d+"$/),
      staleStatus: '412 PreconditionFailed',
      firstFrameName: 'From the browser',
      streamedName: 'Streamed',
      link: expect.stringMatching(/<[^>]*\/users\?limit=1&cursor=[^>]+>; rel="next"/),
      pageSize: 1,
    });
    expect(result.updatedEtag).not.toBe(result.etag);
    expect(problems.filter((text) => !text.includes('412'))).toEqual([]); // Chromium logs failed responses; nothing else may fail
  });
});
