import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WORKSPACE } from './support/paths';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** An empty project with one client package installed from its tarball, as npm publishes it (neither is on the registry). */
function projectWith(lib: string): string {
  const project = mkdtempSync(join(tmpdir(), `roster-${lib}-`));
  run('npm', ['pack', '--silent', '--pack-destination', project, resolve(WORKSPACE, 'dist/libs', lib)], WORKSPACE);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const [tarball] = readdirSync(project).filter((file) => file.endsWith('.tgz'));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', `./${tarball}`], project);
  return project;
}

/** The packages as npm publishes them: `npm pack`, each installed alone into an empty project, used from ESM, CJS and TypeScript. */
describeLocal('the client packages (npm pack)', () => {
  let sut: ServiceUnderTest;
  let project: string;
  let browserProject: string;

  beforeAll(async () => {
    sut = await serviceUnderTest();
    project = projectWith('client-node');
    browserProject = projectWith('client-browser');
  }, 180_000);
  afterAll(async () => {
    await sut?.close();
    for (const dir of [project, browserProject]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('install alone: the Node client carries the browser client it builds on', () => {
    expect(readdirSync(join(project, 'node_modules/@roster'))).toEqual(['client-node']);
    expect(readdirSync(join(browserProject, 'node_modules/@roster'))).toEqual(['client-browser']);
  });

  it('the browser client works on its own too (Node has fetch)', () => {
    const file = join(browserProject, 'smoke.mjs');
    writeFileSync(file, `import { UserApi, Configuration } from '@roster/client-browser';\nnew UserApi(new Configuration({ basePath: process.argv[2] })).userSnapshot().then((body) => console.log(JSON.stringify(body)));\n`);
    expect(run(process.execPath, [file, sut.url], browserProject).trim()).toBe('{}');
  });

  it('hold only the built files, the manifest and the README', () => {
    const listing = run('npm', ['pack', '--dry-run', '--json', resolve(WORKSPACE, 'dist/libs/client-node')], WORKSPACE);
    const files = (JSON.parse(listing)[0].files as { path: string }[]).map((file) => file.path).sort();
    expect(files).toEqual(expect.arrayContaining(['README.md', 'index.cjs', 'index.mjs', 'package.json', 'types/index.d.ts', 'types/client-browser/index.d.ts']));
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it.each([
    ['ESM', 'mjs', `import { UserApi, Configuration } from '@roster/client-node';`],
    ['CommonJS', 'cjs', `const { UserApi, Configuration } = require('@roster/client-node');`],
  ])('work from %s against the running service', (_kind, extension, load) => {
    const file = join(project, `smoke.${extension}`);
    writeFileSync(file, `${load}\nnew UserApi(new Configuration({ basePath: process.argv[2] })).userSnapshot().then((body) => console.log(JSON.stringify(body)));\n`);
    expect(run(process.execPath, [file, sut.url], project).trim()).toBe('{}');
  });

  it('type-check in a strict TypeScript project that resolves like Node (node16)', () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { ManagementUsersApi, ResponseError, UserProfile, Configuration } from '@roster/client-node';
import { streamUser } from '@roster/client-node';
export async function names(basePath: string): Promise<string[]> {
  const names: string[] = [];
  for await (const user of new ManagementUsersApi(new Configuration({ basePath, accessKey: 'a.b.c.d' })).getUsersAll({ limit: 10 })) names.push(user.userId);
  return names;
}
export const isPreconditionFailed = (error: unknown) => error instanceof ResponseError && error.status === 412;
export const profiles = (): AsyncIterable<UserProfile | null> => streamUser({ basePath: 'https://roster.example' });
`,
    );
    const tsc = resolve(WORKSPACE, 'node_modules/.bin/tsc');
    run(tsc, ['--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', '--lib', 'es2022,dom', '--types', 'node', '--typeRoots', resolve(WORKSPACE, 'node_modules/@types'), 'consumer.ts'], project);
  });
});
