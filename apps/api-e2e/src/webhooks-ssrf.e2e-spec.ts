import { eventually } from './support/eventually';
import { describeLocal } from './support/service-under-test';
import { openWebhookRig, WebhookRig } from './support/webhook-rig';

// WEBHOOK_ALLOW_PRIVATE_NETWORKS is off here, as in production.
describeLocal('webhooks: SSRF refusals without WEBHOOK_ALLOW_PRIVATE_NETWORKS', () => {
  let rig: WebhookRig;
  beforeAll(async () => (rig = await openWebhookRig()));
  afterAll(() => rig.close());

  it.each([
    ['plain http', () => `${rig.receiver.url}/hook`, /only https URLs are allowed/],
    ['loopback', () => `https://127.0.0.1:${new URL(rig.receiver.url).port}/hook`, /127\.0\.0\.1 is loopback/],
    ['the cloud metadata address', () => 'https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is link-local/],
    ['IPv4-mapped loopback', () => 'https://[::ffff:127.0.0.1]/hook', /is loopback/],
    ['a private address', () => 'https://10.0.0.1/hook', /10\.0\.0\.1 is private/],
  ])('refuses %s when the webhook is saved (400)', async (_name, url, title) => {
    const response = await rig.admin('POST', '/v1/webhooks', { url: url(), eventTypes: ['*'] });
    await expect(response).toHaveStatus(400);
    expect(((await response.json()) as { title: string }).title).toMatch(title);
  });

  it('refuses, at connect time, a name that resolves to 127.0.0.1: the attempt records the refusal and nothing arrives', async () => {
    const port = new URL(rig.receiver.url).port;
    const created = await rig.admin('POST', '/v1/webhooks', { url: `https://localhost:${port}/hook`, eventTypes: ['user.*'] });
    await expect(created).toHaveStatus(201);
    const { webhookId } = (await created.json()) as { webhookId: string };
    await expect(await rig.admin('POST', `/v1/webhooks/${webhookId}/test`)).toHaveStatus(202);
    type Page = { deliveries: Array<{ attempts: Array<{ error?: string; responseStatus?: number }> }> };
    await eventually(async () => {
      const page = (await (await rig.admin('GET', `/v1/webhooks/${webhookId}/deliveries`)).json()) as Page;
      expect(page.deliveries[0]?.attempts[0]?.error).toMatch(/^EREFUSEDADDRESS: refused: localhost resolves to (127\.0\.0\.1|::1), which is loopback$/);
    }, 10_000);
    expect(rig.receiver.received).toHaveLength(0);
  });

  it('refuses an http URL on PATCH too', async () => {
    const created = await rig.admin('POST', '/v1/webhooks', { url: 'https://hooks.example.com/roster', eventTypes: ['*'] });
    await expect(created).toHaveStatus(201);
    const { webhookId } = (await created.json()) as { webhookId: string };
    await expect(await rig.admin('PATCH', `/v1/webhooks/${webhookId}`, { url: 'http://hooks.example.com/roster' })).toHaveStatus(400);
    await expect(await rig.admin('DELETE', `/v1/webhooks/${webhookId}`)).toHaveStatus(204);
  });
});
