#!/usr/bin/env node
// The console's search as an operator meets it: in Chromium, against 1,000,000 users, the time from the last
// keystroke of a search to the first page of results painted in the Users screen (debounce, request, render).
// Distinct terms, so no answer comes from the console's cache; 60 ms between keystrokes (a fast typist).
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:console   (BENCH_USERS=1000000, CHROME_PATH)
const { execFileSync } = require('node:child_process');
const { generateKeyPairSync } = require('node:crypto');
const { existsSync } = require('node:fs');
const { resolve } = require('node:path');
const { Client } = require('pg');
const { chromium } = require('playwright-core');
const { scratchDatabase, startService, ROOT } = require('./lib/service');
const { seedUsers } = require('./seed-users');

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const KEY_DELAY_MS = 60;
const SECRET = 'c'.repeat(43);
const FIRST = ['ada', 'alan', 'grace', 'linus', 'margaret', 'mario', 'joan', 'barbara', 'dennis', 'edsger', 'donald', 'hedy', 'radia', 'katherine', 'guido'];
const LAST = ['lovelace', 'turing', 'hopper', 'torvalds', 'hamilton', 'rossi', 'liskov', 'ritchie', 'dijkstra', 'knuth', 'lamarr', 'perlman', 'johnson', 'stroustrup', 'matsumoto'];

/** 60 distinct terms: surname fragments, first.last email prefixes, usernames with digits, a rare name, no match. */
function terms() {
  const out = new Set(['quacken', 'zzqx', 'example.co']);
  for (let i = 0; out.size < 60; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const kind = i % 4;
    out.add(kind === 0 ? last.slice(i % 3, (i % 3) + 5) : kind === 1 ? `${first}.${last.slice(0, 3)}` : kind === 2 ? `${first}${(i * 37) % 1000}` : `${first} ${last.slice(0, 4)}`);
  }
  return [...out];
}

const chromePath = () => process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const accessKey = `sc_bench.k1.acc.${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
  const database = await scratchDatabase();
  const env = { DATABASE_URL: database.url, ROSTER_SECRET_KEY: SECRET, ROSTER_ACCOUNT_ID: 'acc', ROSTER_BOOTSTRAP_ACCESS_KEY: accessKey, CONSOLE_SIGN_IN_LINK: 'false' };
  const service = await startService(env);
  let browser;
  try {
    console.log(`seeding ${USERS.toLocaleString('en')} users`);
    await seedUsers(database.url, USERS);
    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    await sql.query('VACUUM ANALYZE users');
    await sql.end();

    const link = execFileSync(process.execPath, [resolve(ROOT, 'dist/apps/api/src/cli.js'), 'console-link'], { env: { PATH: process.env.PATH, ...env, PORT: String(service.port) }, encoding: 'utf8' }).trim();
    if (!chromePath()) throw new Error('no Chromium: set CHROME_PATH');
    browser = await chromium.launch({ executablePath: chromePath(), args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await tab.goto(link);
    await tab.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await tab.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users' }).click();
    const input = tab.getByLabel(/^Search/);
    await tab.locator('table[data-shown-filter=""]').waitFor();

    const samples = [];
    const list = terms();
    for (const [i, term] of list.entries()) {
      // The last keystroke's time, and the first frame painted after the table shows this term's page.
      await tab.evaluate(() => {
        const state = (window.__bench = { last: 0, painted: 0 });
        document.querySelector('#user-filter').addEventListener('input', () => (state.last = performance.now()));
      });
      await input.pressSequentially(term, { delay: KEY_DELAY_MS });
      await tab.evaluate((wanted) => new Promise((done) => {
        const ready = () => document.querySelector('table[data-testid="users-table"]')?.getAttribute('data-shown-filter') === wanted;
        const finish = () => requestAnimationFrame(() => { window.__bench.painted = performance.now(); done(); });
        if (ready()) return finish();
        const observer = new MutationObserver(() => ready() && (observer.disconnect(), finish()));
        observer.observe(document.body, { subtree: true, attributes: true, childList: true });
      }), term.trim());
      const { last, painted } = await tab.evaluate(() => window.__bench);
      const rows = await tab.locator('table[data-testid="users-table"] tbody tr').count();
      if (i >= 3) samples.push({ term, ms: painted - last, rows }); // three warm-ups
      await input.fill('');
      await tab.locator('table[data-shown-filter=""]').waitFor();
    }
    const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
    console.log(`\n### Console search at ${USERS.toLocaleString('en')} users (Chromium, last keystroke → first page painted; includes the 100 ms typing pause)\n`);
    console.log('| searches | p50 ms | p95 ms | max ms |');
    console.log('|---:|---:|---:|---:|');
    console.log(`| ${sorted.length} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 95).toFixed(0)} | ${sorted[sorted.length - 1].toFixed(0)} |`);
    const slowest = [...samples].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`\nslowest: ${slowest.map((sample) => `"${sample.term}" ${sample.ms.toFixed(0)} ms (${sample.rows} rows)`).join(', ')}`);
  } finally {
    await browser?.close();
    await service.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
