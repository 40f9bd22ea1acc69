import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { factories } from '@roster/api-testing';
import { Client } from 'pg';
import { WORKSPACE } from './support/paths';
import { RunningService, startService } from './support/service';
import { describeLocal } from './support/service-under-test';

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** The embedded cluster's URL, from the start-up log line and the password file beside it. */
async function embeddedUrl(service: RunningService, dataDir: string): Promise<string> {
  const line = service.logs().find((entry) => entry.msg === 'using embedded PostgreSQL');
  expect(line).toBeDefined();
  const password = (await readFile(join(dataDir, 'pg-password'), 'utf8')).trim();
  return `postgres://postgres:${password}@${line!.database}`;
}

describeLocal('embedded PostgreSQL (no DATABASE_URL)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'roster-embedded-'));
    await chmod(dataDir, 0o755);
  });

  it('starts on its own database, keeps data across a restart, and stops cleanly on SIGTERM', async () => {
    const first = await startService({ ROSTER_DATA_DIR: dataDir });
    await expect(await fetch(`${first.url}/health/ready`)).toHaveStatus(200);
    const url = await embeddedUrl(first, dataDir);
    const port = Number(new URL(url).port);
    const client = new Client({ connectionString: url });
    await client.connect();
    await factories(async (sql, params) => (await client.query(sql, params)).rows).user({ userId: 'embedded|kept', name: 'Kept' });
    await client.end();

    const secret = await stat(join(dataDir, 'secret.key'));
    expect(secret.mode & 0o777).toBe(0o600);
    const secretKey = await readFile(join(dataDir, 'secret.key'), 'utf8');

    expect(await first.stop('SIGTERM')).toBe(0);
    expect(await portOpen(port)).toBe(false);

    const second = await startService({ ROSTER_DATA_DIR: dataDir });
    try {
      const again = new Client({ connectionString: await embeddedUrl(second, dataDir) });
      await again.connect();
      const { rows } = await again.query(`SELECT name FROM users WHERE user_id = 'embedded|kept'`);
      await again.end();
      expect(rows).toEqual([{ name: 'Kept' }]);
      expect(await readFile(join(dataDir, 'secret.key'), 'utf8')).toBe(secretKey);
    } finally {
      expect(await second.stop('SIGINT')).toBe(0);
    }
  });
});

/** A checkout of its own (package.json, the built dist, node_modules linked), so its default `.data` is a throwaway one. */
async function throwawayCheckout(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'roster-checkout-'));
  await chmod(root, 0o755);
  await writeFile(join(root, 'package.json'), JSON.stringify({ name: 'roster', private: true }));
  await cp(join(WORKSPACE, 'dist'), join(root, 'dist'), { recursive: true });
  await symlink(join(WORKSPACE, 'node_modules'), join(root, 'node_modules'));
  return root;
}

describeLocal('the default data directory', () => {
  it('is the checkout\'s .data wherever the service and the CLI are started from: a CLI token is accepted', async () => {
    const root = await throwawayCheckout();
    const [serviceCwd, cliCwd] = [join(root, 'service-cwd'), join(root, 'cli-cwd')];
    await Promise.all([mkdir(serviceCwd), mkdir(cliCwd)]);
    const service = await startService({}, { command: [process.execPath, join(root, 'dist/apps/api/src/main.js')], cwd: serviceCwd });
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'dist/apps/api/src/cli.js'), 'token', '--sub', 'elsewhere'], {
        cwd: cliCwd,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: String(service.port) },
      });
      const res = await fetch(`${service.url}/user`, { headers: { Authorization: `Bearer ${stdout.trim()}` } });
      await expect(res).toHaveStatus(200);
      expect(existsSync(join(root, '.data', 'secret.key'))).toBe(true);
      expect([existsSync(join(serviceCwd, '.data')), existsSync(join(cliCwd, '.data'))]).toEqual([false, false]);
    } finally {
      expect(await service.stop('SIGTERM')).toBe(0);
    }
  });
});
