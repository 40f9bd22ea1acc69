import { spawnSync } from 'node:child_process';
import { CLI_JS } from './support/paths';
import { describeLocal } from './support/service-under-test';

describeLocal('migrations', () => {
  it('agree with the entities: after running them all, TypeORM would change nothing', () => {
    const check = spawnSync(process.execPath, [CLI_JS, 'migration-check'], { env: { ...process.env, DATABASE_URL: process.env.E2E_ADMIN_URL }, encoding: 'utf8' });
    expect(check.stderr).toContain('entities and migrations agree');
    expect(check.status).toBe(0);
  });
});
