import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE } from './support/paths';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

describeLocal('GET /console: the built console, served by the service', () => {
  let sut: ServiceUnderTest;
  const issuer = 'https://login.example.com/tenant';

  beforeAll(async () => {
    sut = await serviceUnderTest({ CONSOLE_OIDC_ISSUER: issuer, CONSOLE_OIDC_CLIENT_ID: 'console' });
  });
  afterAll(() => sut.close());

  it('answers index.html for the console and its client-side routes, never cached, under a CSP without inline scripts', async () => {
    for (const path of ['/console', '/console/', '/console/users/google-oauth2%7C1']) {
      const res = await fetch(`${sut.url}${path}`);
      await expect(res).toHaveStatus(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("connect-src 'self' https://login.example.com");
      const html = await res.text();
      expect(html).toMatch(/<script type="module" crossorigin src="\/console\/assets\/index-[\w-]+\.js"><\/script>/);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    }
  });

  it('serves hashed assets for a year and answers 404 for an unknown one', async () => {
    const asset = readdirSync(join(WORKSPACE, 'dist/apps/console/assets')).find((name) => name.endsWith('.js'))!;
    const res = await fetch(`${sut.url}/console/assets/${asset}`);
    await expect(res).toHaveStatus(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const missing = await fetch(`${sut.url}/console/assets/index-nothere.js`);
    await expect(missing).toHaveStatus(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves the API alone: a POST under /console is not the console', async () => {
    expect((await fetch(`${sut.url}/console`, { method: 'POST' })).status).toBe(404);
  });
});
