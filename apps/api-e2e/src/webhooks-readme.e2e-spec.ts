import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { ACCOUNT_ID, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { eventually } from './support/eventually';
import { WORKSPACE } from './support/paths';
import { freePort } from './support/service';
import { describeLocal, serviceUnderTest, ServiceUnderTest } from './support/service-under-test';

/** The README's webhook receiver: the `js` block of its "## Webhooks" section, as written. */
function readmeReceiver(): string {
  const readme = readFileSync(resolve(WORKSPACE, 'README.md'), 'utf8');
  const section = /^## Webhooks\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  const code = section && /^```js\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (!code) throw new Error('README.md has no js block under "## Webhooks"');
  return code;
}

describeLocal('the README webhook receiver', () => {
  let sut: ServiceUnderTest;
  let receiver: ChildProcess | undefined;
  const dir = mkdtempSync(resolve(tmpdir(), 'roster-receiver-'));
  const adminKey = newAccessKey('sc_root');

  beforeAll(async () => {
    sut = await serviceUnderTest({ ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_POLL_MS: '50' });
  });
  afterAll(async () => {
    receiver?.kill();
    await sut.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies a real delivery and refuses a forged one', async () => {
    const admin = callAs(adminKey, sut.url);
    const port = await freePort();
    const created = await admin('POST', '/v1/webhooks', { url: `http://127.0.0.1:${port}/`, eventTypes: ['user.*'] });
    await expect(created).toHaveStatus(201);
    const { webhookId, secret } = (await created.json()) as { webhookId: string; secret: string };

    writeFileSync(resolve(dir, 'receiver.js'), readmeReceiver());
    receiver = spawn(process.execPath, ['receiver.js'], { cwd: dir, env: { PATH: process.env.PATH, NODE_PATH: resolve(WORKSPACE, 'node_modules'), WEBHOOK_SECRET: secret, PORT: String(port) } });
    let stdout = '';
    receiver.stdout!.on('data', (chunk) => (stdout += chunk));
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' })).status).toBe(400), 10_000);

    const test = await admin('POST', `/v1/webhooks/${webhookId}/test`);
    await expect(test).toHaveStatus(202);
    const { eventId } = (await test.json()) as { eventId: string };
    await eventually(async () => expect(stdout).toBe(`webhook.test ${eventId} {"webhookId":"${webhookId}"}\n`), 10_000);
    // The attempt is recorded once the receiver's answer is in, a moment after the receiver printed the event.
    await eventually(async () => {
      const [delivery] = ((await (await admin('GET', `/v1/webhooks/${webhookId}/deliveries`)).json()) as { deliveries: Array<{ status: string; attempts: Array<{ responseStatus: number }> }> }).deliveries;
      expect(delivery).toMatchObject({ status: 'delivered', attempts: [{ responseStatus: 204 }] });
    }, 10_000);

    const forged = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'webhook-id': eventId, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
      body: JSON.stringify({ eventId: 'forged', type: 'user.deleted', data: {} }),
    });
    expect(forged.status).toBe(400);
    expect(stdout).not.toContain('forged');
  });
});
