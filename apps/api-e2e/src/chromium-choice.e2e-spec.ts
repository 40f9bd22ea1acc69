import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from './support/browser';

/** A fake browser: only its path and executable bit matter to the choice. */
function fakeBrowser(name: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'roster-chromium-'));
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return { dir, path };
}

describe('which Chromium the browser tests drive', () => {
  it('CHROME_PATH first', () => {
    const { path } = fakeBrowser('my-chrome');
    const onPath = fakeBrowser('chromium');
    expect(findChromium({ CHROME_PATH: path, PATH: onPath.dir })).toMatchObject({ source: 'CHROME_PATH', executablePath: path });
  });

  it('refuses a CHROME_PATH that is not an executable', () => {
    expect(() => findChromium({ CHROME_PATH: '/nonexistent/chrome', PATH: '' })).toThrow('CHROME_PATH=/nonexistent/chrome is not an executable');
  });

  it.each(['chromium', 'chromium-browser', 'google-chrome'])('then %s on PATH', (name) => {
    const { dir, path } = fakeBrowser(name);
    expect(findChromium({ PATH: `/nonexistent:${dir}` })).toMatchObject({ source: 'PATH', executablePath: path });
  });

  (process.platform === 'linux' && process.arch === 'x64' ? it : it.skip)('then the one @sparticuz/chromium ships in its npm package, which runs here', async () => {
    const launch = findChromium({ PATH: '/nonexistent' });
    expect(launch.source).toBe('@sparticuz/chromium');
    expect(launch.args).not.toContain('--disable-web-security');
    expect(launch.env?.LD_LIBRARY_PATH).toMatch(/al2023/);
    const browser = await chromium.launch({ ...launch, headless: true });
    try {
      const page = await browser.newPage();
      await page.setContent('<title>ok</title>');
      expect(await page.title()).toBe('ok');
    } finally {
      await browser.close();
    }
  });
});
