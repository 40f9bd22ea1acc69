import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultDataDir, workspaceRoot } from './workspace-root';

describe('workspaceRoot', () => {
  it('is the folder of the repository package.json, whatever the current directory', () => {
    const root = resolve(__dirname, '../../../..');
    expect(workspaceRoot()).toBe(root);
    expect(defaultDataDir()).toBe(join(root, '.data'));
  });

  it('walks up from a build output folder past other package.json files', () => {
    const root = mkdtempSync(join(tmpdir(), 'roster-root-'));
    writeFileSync(join(root, 'package.json'), '{"name":"roster"}');
    const built = join(root, 'dist/apps/api/src/config');
    mkdirSync(built, { recursive: true });
    writeFileSync(join(root, 'dist/apps/api/package.json'), '{"name":"api"}');
    expect(workspaceRoot(built)).toBe(root);
  });

  it('is undefined outside a checkout', () => {
    expect(workspaceRoot(mkdtempSync(join(tmpdir(), 'roster-none-')))).toBeUndefined();
  });
});
