import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from './support/database';
import { freePort, startService, testSecretKey } from './support/service';
import { describeLocal } from './support/service-under-test';

/** Starts the service expecting it to refuse; returns its exit code and stderr. */
async function refusedStart(env: Record<string, string>, uid?: number) {
  const service = await startService(env, { waitReady: false, uid });
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([service.exited, new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), 30_000)))]);
  clearTimeout(timer);
  if (code === 'hung') await service.stop('SIGKILL');
  return { code, stderr: service.stderr().trim() };
}

describeLocal('configuration errors stop the start with one clear line', () => {
  let database: TestDatabase;
  const base = { ROSTER_SECRET_KEY: testSecretKey(), DATABASE_URL: '' };
  beforeAll(async () => {
    database = await createTestDatabase();
    base.DATABASE_URL = database.url;
  });
  afterAll(() => database.drop());

  it.each([
    [{ PORT: 'abc' }, 'Invalid environment: PORT must be a number'],
    [{ PORT: '70000' }, 'Invalid environment: PORT must be between 1 and 65535'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'Invalid environment: DATABASE_URL must be a postgres:// or postgresql:// URL'],
    [{ LOG_LEVEL: 'loud' }, 'Invalid environment: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ ROSTER_SECRET_KEY: 'short' }, 'Invalid environment: ROSTER_SECRET_KEY must be at least 32 characters'],
    [{ ROSTER_SECRET_KEY: '' }, 'Invalid environment: ROSTER_SECRET_KEY is required when DATABASE_URL is set'],
  ])('%j', async (override, message) => {
    const { code, stderr } = await refusedStart({ ...base, ...override });
    expect(code).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain(message);
  });

  it('names the database it cannot reach, without its password', async () => {
    const port = await freePort();
    const { code, stderr } = await refusedStart({ ...base, DATABASE_URL: `postgres://roster:hunter2@127.0.0.1:${port}/roster` });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^Roster failed to start: Cannot connect to the database at 127\\.0\\.0\\.1:${port}/roster: .*ECONNREFUSED`));
    expect(stderr).not.toContain('hunter2');
  });

  it('says to set PORT when the port is taken', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const { code, stderr } = await refusedStart({ ...base, PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr.split('\n').pop()).toBe(`Roster failed to start: Port ${port} is in use on 127.0.0.1; stop the other process or set PORT.`);
    } finally {
      blocker.close();
    }
  });

  it('a second instance on a busy port fails at once, before it creates a database or a key', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    const dataDir = join(await mkdtemp(join(tmpdir(), 'roster-busy-')), 'data');
    try {
      const started = Date.now();
      const { code, stderr } = await refusedStart({ PORT: String(port), ROSTER_DATA_DIR: dataDir });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(code).toBe(1);
      expect(stderr).toBe(`Roster failed to start: Port ${port} is in use on 127.0.0.1; stop the other process or set PORT.`);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      blocker.close();
    }
  });

  const asRoot = process.getuid?.() === 0;
  (asRoot ? it : it.skip)('says to set PORT when a privileged port is refused (run as an unprivileged user)', async () => {
    const { code, stderr } = await refusedStart({ ...base, PORT: '1000' }, 65534);
    expect(code).toBe(1);
    expect(stderr.split('\n').pop()).toBe('Roster failed to start: Port 1000 needs privileges on this system; set PORT to a number above 1023 (for example PORT=39300).');
  });
});
