import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './support/eventually';
import { WORKSPACE } from './support/paths';
import { RunningService, startService } from './support/service';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

describeLocal('graceful shutdown', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => (sut = await serviceUnderTest()));
  afterAll(() => sut.close());

  it('finishes a request that is in flight, refuses new connections, and exits 0', async () => {
    // A request whose body is still arriving when SIGTERM lands.
    const socket = connect(sut.service!.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk) => (response += chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const body = '{"slow":true}';
    socket.write(`POST /health/live HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n{"slow"`);
    await new Promise((resolve) => setTimeout(resolve, 200));

    sut.service!.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(`${sut.url}/health/live`)).rejects.toThrow();

    socket.end(body.slice('{"slow"'.length));
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 405 /); // a known path, wrong method: answered in full while draining
    expect(await sut.service!.exited).toBe(0);
  });
});

describeLocal('graceful shutdown under load', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => (sut = await serviceUnderTest()));
  afterAll(() => sut.close());

  it('answers every request accepted before SIGTERM, refuses later ones, and exits 0', async () => {
    const inFlight: Array<Promise<number | 'refused'>> = [];
    const fire = () => inFlight.push(fetch(`${sut.url}/metrics`, { headers: { connection: 'close' } }).then((res) => res.status, () => 'refused' as const));
    for (let i = 0; i < 100; i++) fire();
    sut.service!.process.kill('SIGTERM');
    const exitCode = await sut.service!.exited;
    const results = await Promise.all(inFlight);
    expect(exitCode).toBe(0);
    // Requests either completed normally or were refused at connect; none got an error status or a cut response.
    expect(results.filter((result) => result !== 200 && result !== 'refused')).toEqual([]);
    expect(results.filter((result) => result === 200).length).toBeGreaterThan(0);
    await expect(fetch(`${sut.url}/health/live`)).rejects.toThrow();
  });
});

/**
 * A package whose `start` is package.json's own start script minus its build step (the e2e run has built
 * already, and a build here would rewrite dist under the other test files): npm, a shell, then exec node.
 */
async function npmStartPackage(): Promise<string> {
  const { scripts } = JSON.parse(await readFile(join(WORKSPACE, 'package.json'), 'utf8'));
  const [build, serve] = scripts.start.split(' && ');
  expect(build).toBe('nx run api:build');
  expect(serve).toBe('exec node dist/apps/api/src/main.js');
  const dir = await mkdtemp(join(tmpdir(), 'roster-npm-start-'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'roster-npm-start', private: true, scripts: { start: serve } }));
  await symlink(join(WORKSPACE, 'dist'), join(dir, 'dist'));
  return dir;
}

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Field 5 of /proc/PID/stat (after the parenthesised command name, which may hold spaces). */
const processGroup = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[2];

describeLocal('npm start with an embedded PostgreSQL', () => {
  let dataDir: string;
  let packageDir: string;
  let npm: RunningService | undefined;
  const postmasterPid = async () => Number((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const servicePid = () => Number(npm!.logs().find((line) => String(line.msg).startsWith('Roster is ready'))?.pid);
  const errorLines = () => npm!.logs().filter((line) => Number(line.level) >= 50);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'roster-npm-data-'));
    await chmod(dataDir, 0o755);
    packageDir = await npmStartPackage();
  });
  afterEach(async () => {
    // A failed test may leave the service behind npm: stop it (it stops PostgreSQL), and npm ends with it.
    if (!npm || npm.process.exitCode !== null || npm.process.signalCode !== null) return;
    const service = servicePid();
    if (service && running(service)) process.kill(service, 'SIGTERM');
    await npm.stop('SIGTERM');
  });

  it('SIGTERM to npm alone (docker stop on CMD npm start) stops the service and PostgreSQL, exit 0', async () => {
    npm = await startService({ ROSTER_DATA_DIR: dataDir }, { command: ['npm', 'start'], cwd: packageDir });
    const [service, postgres] = [servicePid(), await postmasterPid()];
    expect(service).not.toBe(npm.process.pid);
    expect(await npm.stop('SIGTERM')).toBe(0);
    await eventually(async () => expect([running(service), running(postgres)]).toEqual([false, false]), 5000);
    expect(errorLines()).toEqual([]);
  });

  it('Ctrl-C (SIGINT to the whole foreground process group) stops cleanly: exit 0, no error lines', async () => {
    npm = await startService({ ROSTER_DATA_DIR: dataDir }, { command: ['npm', 'start'], cwd: packageDir, detached: true });
    const [service, postgres] = [servicePid(), await postmasterPid()];
    // Whether PostgreSQL, signalled with the group, dies before the service has drained is a race; its group is not.
    expect(processGroup(postgres)).not.toBe(processGroup(service));
    process.kill(-npm.process.pid!, 'SIGINT');
    expect(await npm.exited).toBe(0);
    await eventually(async () => expect([running(service), running(postgres)]).toEqual([false, false]), 5000);
    expect(errorLines()).toEqual([]);
    expect(npm.stderr()).not.toMatch(/error|signal/i);
    expect(npm.logs().at(-1)?.msg).toBe('stopped');
  });
});
