import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { CLI_JS, MAIN_JS } from './paths';
import { withDatabase } from './database-url';

/**
 * One PostgreSQL server for the run: DATABASE_URL's, or an embedded cluster started here. A template
 * database is migrated once; each test file clones it (see database.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.API_URL) return; // external mode: the service under test is already running
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: build the api first (nx run api:build)`);
  const adminUrl = process.env.DATABASE_URL || (await startEmbeddedServer());
  const template = `roster_e2e_template_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const migrate = spawnSync(process.execPath, [CLI_JS, 'migrate'], { env: { ...process.env, DATABASE_URL: withDatabase(adminUrl, template) }, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`migrating the template failed: ${migrate.stderr}`);
  process.env.E2E_ADMIN_URL = adminUrl;
  process.env.E2E_TEMPLATE_DB = template;
}

async function startEmbeddedServer(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roster-e2e-pg-'));
  await chmod(dir, 0o755);
  const child = spawn(process.execPath, [CLI_JS, 'embedded-db', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  (globalThis as { embeddedServer?: typeof child }).embeddedServer = child;
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code}): ${stderr}`)));
  });
  return JSON.parse(line).url;
}
