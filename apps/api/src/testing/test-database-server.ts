import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { withDatabase } from './database-url';

/** The built CLI: migrations and the embedded server run from the build, exactly as the service runs them. */
export const CLI_JS = resolve(__dirname, '../../../../dist/apps/api/src/cli.js');

/** Set by global setup, read by createTestDatabase in the test files (jest passes globalSetup's env to its workers). */
export const ADMIN_URL_VARIABLE = 'ROSTER_TEST_ADMIN_URL';
export const TEMPLATE_VARIABLE = 'ROSTER_TEST_TEMPLATE_DB';

type WithServer = typeof globalThis & { rosterTestDatabaseServer?: { child: ChildProcess; dir: string } };

/**
 * Jest global setup: one PostgreSQL server for the run (DATABASE_URL's, or an embedded cluster started here) and a
 * template database migrated once, which each test file clones (createTestDatabase).
 */
export async function setUpTemplateDatabase(prefix: string): Promise<void> {
  if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: build the api first (nx run api:build)`);
  const adminUrl = process.env.DATABASE_URL || (await startEmbeddedServer());
  const template = `${prefix}_template_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const migrate = spawnSync(process.execPath, [CLI_JS, 'migrate'], { env: { ...process.env, DATABASE_URL: withDatabase(adminUrl, template) }, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`migrating the template failed: ${migrate.stderr}`);
  process.env[ADMIN_URL_VARIABLE] = adminUrl;
  process.env[TEMPLATE_VARIABLE] = template;
}

/** Jest global teardown: drops the template and stops the embedded server, if this run started one. */
export async function tearDownTemplateDatabase(): Promise<void> {
  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  const template = process.env[TEMPLATE_VARIABLE];
  if (adminUrl && template) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  }
  const server = (globalThis as WithServer).rosterTestDatabaseServer;
  if (!server) return;
  if (server.child.exitCode === null) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  }
  await rm(server.dir, { recursive: true, force: true });
}

async function startEmbeddedServer(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roster-test-pg-'));
  await chmod(dir, 0o755);
  const child = spawn(process.execPath, [CLI_JS, 'embedded-db', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  (globalThis as WithServer).rosterTestDatabaseServer = { child, dir };
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code}): ${stderr}`)));
  });
  return JSON.parse(line).url;
}
