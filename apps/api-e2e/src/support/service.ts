import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { MAIN_JS } from './paths';

export interface RunningService {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** JSON log lines written so far. */
  logs(): Array<Record<string, unknown>>;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const testSecretKey = () => randomBytes(32).toString('base64url');

export interface StartOptions {
  uid?: number;
  waitReady?: boolean;
  /** What to run instead of `node dist/apps/api/src/main.js` (e.g. npm). */
  command?: string[];
  cwd?: string;
  /** In a process group of its own, as a terminal's foreground job is: signal it all with process.kill(-pid). */
  detached?: boolean;
}

/** Spawns the built service with exactly `env` (plus PATH/HOME) and waits until /health/ready answers 200. */
export async function startService(env: Record<string, string | undefined>, options: StartOptions = {}): Promise<RunningService> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const [file, ...args] = options.command ?? [process.execPath, MAIN_JS];
  const child = spawn(file, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env, PORT: String(env.PORT ?? port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    uid: options.uid,
    cwd: options.cwd,
    detached: options.detached,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  let serving = false;
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A service that crashes fails the test's next request with only ECONNREFUSED; its last output says why.
  void exited.then((code) => {
    if (serving && !stopping && code) console.error(`service on port ${port} crashed (exit code ${code}); its last output:\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const service: RunningService = {
    url,
    port,
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    logs: () => stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)),
    stop: async (signal = 'SIGTERM') => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    exited,
  };
  if (options.waitReady === false) return service;
  const deadline = Date.now() + 90_000; // generous: CI machines are small and busy
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}: ${stderr}`);
    const ready = await fetch(`${url}/health/ready`).then((res) => res.status === 200, () => false);
    if (ready) {
      serving = true;
      return service;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await service.stop('SIGKILL');
  throw new Error(`service did not become ready: ${stderr}\n${stdout.slice(-2000)}`);
}
