import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ADMIN_URL_VARIABLE } from '@roster/api-testing';
import { createTestDatabase } from './support/database';
import { CLI_JS } from './support/paths';
import { startService, testSecretKey } from './support/service';
import { describeLocal } from './support/service-under-test';

describeLocal('migrations', () => {
  it('agree with the entities: after running them all, TypeORM would change nothing', () => {
    const check = spawnSync(process.execPath, [CLI_JS, 'migration-check'], { env: { ...process.env, DATABASE_URL: process.env[ADMIN_URL_VARIABLE] }, encoding: 'utf8' });
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
      await expect(await fetch(`${service.url}/health/ready`)).toHaveStatus(200);
      await service.stop();
    } finally {
      await starting.then((service) => service.stop()).catch(() => undefined);
      await database.drop();
    }
  });

  it('rewrite userIds the Authress contract refuses or that read as a uuid, and drop unverified emails', async () => {
    const database = await createTestDatabase();
    const uuid = '0b7c2e52-3f1a-4d8e-9c6b-5a4f3e2d1c0b';
    const before: Array<[string, string | null, boolean]> = [
      ['alice', 'alice@example.com', true],
      ['google-oauth2|123', 'unverified@example.com', false],
      ['has#hash', null, false],
      ['jöhn', null, false],
      ['x'.repeat(200), null, false],
      [uuid, null, false],
      [uuid.replace(/-/g, '').toUpperCase(), null, false],
    ];
    await database.factory.users(before.map(([userId, email, emailVerified]) => ({ userId, email, emailVerified })));
    // As if the database predates these two migrations: the service runs them at start.
    await database.query(`DELETE FROM migrations WHERE name IN ('UserIdsFitAuthress1733010000000', 'VerifiedEmailsOnly1733020000000')`);
    const service = await startService({ DATABASE_URL: database.url, ROSTER_SECRET_KEY: testSecretKey(), LOG_LEVEL: 'warn' });
    try {
      const after = await database.query<{ user_id: string; email: string | null }>(`SELECT user_id, email FROM users ORDER BY created_at, id`);
      expect(after).toEqual(expect.arrayContaining([{ user_id: 'alice', email: 'alice@example.com' }, { user_id: 'google-oauth2|123', email: null }]));
      const rewritten = after.map((row) => row.user_id).filter((userId) => !['alice', 'google-oauth2|123'].includes(userId));
      expect(rewritten).toHaveLength(5);
      for (const userId of rewritten) {
        expect(userId).toMatch(/^[a-zA-Z0-9+._|/~:@\s-]+~[0-9a-f]{16}$/);
        expect(userId.length).toBeLessThanOrEqual(128);
        expect(/^[0-9a-f]{32}$/i.test(userId.replace(/[-{}\s]/g, ''))).toBe(false);
      }
      expect(rewritten).toEqual(expect.arrayContaining([expect.stringMatching(/^has_hash~/), expect.stringMatching(/^j_hn~/), expect.stringMatching(new RegExp(`^${uuid}~`))]));
    } finally {
      await service.stop();
      await database.drop();
    }
  });
});
