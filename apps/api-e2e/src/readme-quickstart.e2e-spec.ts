import { spawn } from 'node:child_process';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE } from './support/paths';
import { matchesShown, quickstartSteps } from './support/readme-quickstart';
import { RunningService, startService } from './support/service';
import { describeLocal } from './support/service-under-test';

const DOCUMENTED_PORT = '39300';
const END_OF_STEP = '@@ quickstart step done @@';

/** Runs every step in one bash (so variables carry over), as a reader pastes them; stdout per step. */
function runSteps(commands: string[], env: Record<string, string>): Promise<{ outputs: string[]; stderr: string; code: number | null }> {
  const script = ['set -eo pipefail', ...commands.map((block) => `${block}\necho '${END_OF_STEP}'`)].join('\n');
  return new Promise((resolve, reject) => {
    const bash = spawn('bash', ['-c', script], { cwd: WORKSPACE, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    bash.stdout.on('data', (chunk) => (stdout += chunk));
    bash.stderr.on('data', (chunk) => (stderr += chunk));
    bash.once('error', reject);
    bash.once('exit', (code) => resolve({ outputs: stdout.split(`${END_OF_STEP}\n`), stderr, code }));
  });
}

describeLocal('README Quickstart', () => {
  let service: RunningService;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'roster-quickstart-'));
    await chmod(dataDir, 0o755);
    // As the README starts it: embedded PostgreSQL, nothing configured but where the data goes.
    service = await startService({ ROSTER_DATA_DIR: dataDir });
  });
  afterAll(() => service?.stop());

  it('runs top to bottom and prints what the README shows', async () => {
    const [start, ...steps] = quickstartSteps();
    expect(start.commands.trim()).toBe('npm ci && npm start'); // the one block the test does itself, above
    expect(steps.length).toBeGreaterThanOrEqual(8);
    const port = String(service.port);
    const local = (text: string) => text.replaceAll(`:${DOCUMENTED_PORT}`, `:${port}`);
    const env = { ROSTER_DATA_DIR: dataDir, PORT: port, DATABASE_URL: '' };
    const { outputs, stderr, code } = await runSteps(steps.map((step) => local(step.commands)), env);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    steps.forEach((step, index) => {
      const actual = outputs[index];
      const shown = step.expected === undefined ? '' : local(step.expected);
      if (!matchesShown(actual, shown)) throw new Error(`Quickstart step ${index + 1} printed:\n${actual}\nbut the README shows:\n${shown}\n(commands:\n${step.commands})`);
    });
  });
});
