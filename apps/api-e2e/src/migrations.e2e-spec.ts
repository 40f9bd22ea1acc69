import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTestDatabase } from './support/database';
import { CLI_JS } from './support/paths';
import { startService, testSecretKey } from './support/service';
import { describeLocal } from './support/service-under-test';

describeLocal('migrations', () => {
  it('agree with the entities: after running them all, TypeORM would change nothing', () => {
    const check = spawnSync(process.execPath, [CLI_JS, 'migration-check'], { env: { ...process.env, DATABASE_URL: process.env.E2E_ADMIN_URL }, encoding: 'utf8' });
    expect(check.stderr).toContain('entities and migrations agree');
    expect(check.status).toBe(0);
  });

  it('are applied once when three replicas start together on an empty database; all three serve', async () => {
    const database = await createTestDatabase({ empty: true });
    const env = { DATABASE_URL: database.url, ROSTER_SECRET_KEY: testSecretKey(), LOG_LEVEL: 'warn' };
    const started = await Promise.allSettled([startService(env), startService(env), startService(env)]);
    try {
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ready'))).toEqual(['ready', 'ready', 'ready']);
      const migrations = readdirSync(resolve(__dirname, '../../api/src/database/migrations')).filter((file) => /^\d+.*\.ts$/.test(file));
      const applied = await database.query<{ name: string }>('SELECT name FROM migrations');
      expect(applied).toHaveLength(migrations.length);
      expect(new Set(applied.map((row) => row.name)).size).toBe(migrations.length);
    } finally {
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
      await database.drop();
    }
  });

  it('wait on a starting replica that holds the migration lock, then serve', async () => {
    const database = await createTestDatabase({ empty: true });
    await database.query(`SELECT pg_advisory_lock(hashtext('roster migrations'))`);
    const starting = startService({ DATABASE_URL: database.url, ROSTER_SECRET_KEY: testSecretKey(), LOG_LEVEL: 'warn' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await database.query(`SELECT to_regclass('users') AS users`)).toEqual([{ users: null }]);
      await database.query(`SELECT pg_advisory_unlock(hashtext('roster migrations'))`);
      const service = await starting;
      expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
      await service.stop();
    } finally {
      await starting.then((service) => service.stop()).catch(() => undefined);
      await database.drop();
    }
  });
});
