import { callAs } from './support/admin-client';
import { eventually } from './support/eventually';
import { describeLocal } from './support/service-under-test';
import { openWebhookRig, WebhookRig } from './support/webhook-rig';

interface Created {
  webhookId: string;
  secret: string;
}

describeLocal('webhooks (Standard Webhooks deliveries to local endpoints)', () => {
  let rig: WebhookRig;
  beforeAll(async () => (rig = await openWebhookRig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })));
  afterAll(() => rig.close());
  beforeEach(() => {
    rig.receiver.received.length = 0;
    rig.receiver.answer = (_delivery, res) => res.writeHead(204).end();
  });

  const json = async <T>(response: Response) => (await response.json()) as T;
  async function create(body: object): Promise<Created> {
    const response = await rig.admin('POST', '/v1/webhooks', body);
    await expect(response).toHaveStatus(201);
    return json<Created>(response);
  }
  async function newClient(permissions: string[]): Promise<{ clientId: string; call: ReturnType<typeof callAs> }> {
    const { clientId } = await json<{ clientId: string }>(await rig.admin('POST', '/v1/clients', { name: 'webhook test client', permissions }));
    const { accessKey } = await json<{ accessKey: string }>(await rig.admin('POST', `/v1/clients/${clientId}/access-keys`));
    return { clientId, call: callAs(accessKey, rig.sut.url) };
  }
  const deliveriesOf = async (webhookId: string) =>
    (await json<{ deliveries: Array<{ deliveryId: string; eventId: string; status: string; attempts: Array<{ responseStatus?: number; error?: string }> }> }>(await rig.admin('GET', `/v1/webhooks/${webhookId}/deliveries`))).deliveries;

  describe('POST /v1/webhooks and the other routes', () => {
    it('shows the secret once, keeps it out of every read, and pages the list', async () => {
      const created = await create({ url: `${rig.receiver.url}/crud`, eventTypes: ['user.*', 'tenant.user_linked'], description: 'CRM sync' });
      expect(created).toEqual({
        webhookId: expect.stringMatching(/^wh_[0-9a-f]{20}$/),
        url: `${rig.receiver.url}/crud`,
        eventTypes: ['user.*', 'tenant.user_linked'],
        description: 'CRM sync',
        excludeActorClientIds: [],
        enabled: true,
        createdTime: expect.any(String),
        updatedTime: expect.any(String),
        secret: expect.stringMatching(/^whsec_/),
      });
      const read = await json<Record<string, unknown>>(await rig.admin('GET', `/v1/webhooks/${created.webhookId}`));
      expect(read).not.toHaveProperty('secret');
      expect(JSON.stringify(read)).not.toContain(created.secret.slice(6));
      const second = await create({ url: `${rig.receiver.url}/crud2`, eventTypes: ['*'] });
      const first = await json<{ webhooks: Array<{ webhookId: string }>; links: { next?: { href: string } }; pagination: { next?: { cursor: string } } }>(await rig.admin('GET', '/v1/webhooks?limit=1'));
      expect(first.webhooks).toHaveLength(1);
      const rest = await json<{ webhooks: Array<{ webhookId: string }> }>(await rig.admin('GET', new URL(first.links.next!.href).pathname + new URL(first.links.next!.href).search));
      expect([...first.webhooks, ...rest.webhooks].map((hook) => hook.webhookId)).toEqual(expect.arrayContaining([created.webhookId, second.webhookId]));
      await expect(await rig.admin('POST', `/v1/webhooks/${created.webhookId}/rotate-secret`)).toHaveStatus(200);
      for (const hook of [created, second]) await expect(await rig.admin('DELETE', `/v1/webhooks/${hook.webhookId}`)).toHaveStatus(204);
      await expect(await rig.admin('GET', `/v1/webhooks/${created.webhookId}`)).toHaveStatus(404);
      // Recorded with each change, attributed, and without the secret or the URL (which may carry a token).
      const events = await rig.sut.database!.query<{ type: string; actor_id: string; data: Record<string, unknown> }>(
        `SELECT type, actor_id, data FROM events WHERE data->>'webhookId' = $1 ORDER BY tx_id, seq`,
        [created.webhookId],
      );
      expect(events.map((event) => [event.type, event.actor_id])).toEqual([
        ['webhook.created', 'sc_root'],
        ['webhook.updated', 'sc_root'],
        ['webhook.deleted', 'sc_root'],
      ]);
      expect(events[1].data).toEqual({ webhookId: created.webhookId, changed: ['secret'] });
      expect(JSON.stringify(events)).not.toMatch(/whsec_|127\.0\.0\.1/);
    });

    it('validates bodies and permissions', async () => {
      await expect(await rig.admin('POST', '/v1/webhooks', { url: `${rig.receiver.url}/x`, eventTypes: ['user'] })).toHaveStatus(201);
      const bad = await rig.admin('POST', '/v1/webhooks', { url: `${rig.receiver.url}/x`, eventTypes: ['user.**'] });
      await expect(bad).toHaveStatus(400);
      expect((await json<{ title: string }>(bad)).title).toMatch(/^eventTypes/);
      await expect(await rig.admin('POST', '/v1/webhooks', { url: 'ftp://example.com/x', eventTypes: ['*'] })).toHaveStatus(400);
      await expect(await rig.admin('POST', '/v1/webhooks', { url: `${rig.receiver.url}/x`, eventTypes: ['*'], secret: 'mine' })).toHaveStatus(400);
      const reader = await newClient(['webhooks:read']);
      await expect(await reader.call('GET', '/v1/webhooks')).toHaveStatus(200);
      await expect(await reader.call('POST', '/v1/webhooks', { url: `${rig.receiver.url}/x`, eventTypes: ['*'] })).toHaveStatus(403);
      const outsider = await newClient(['users:read']);
      await expect(await outsider.call('GET', '/v1/webhooks')).toHaveStatus(403);
    });
  });

  describe('deliveries', () => {
    it('a receiver answering 500 three times, then 200, gets the event each time with the same webhook-id and a valid signature', async () => {
      let calls = 0;
      rig.receiver.answer = (_delivery, res) => res.writeHead(++calls <= 3 ? 500 : 200).end();
      const hook = await create({ url: `${rig.receiver.url}/flaky`, eventTypes: ['user.*'] });
      const test = await rig.admin('POST', `/v1/webhooks/${hook.webhookId}/test`);
      await expect(test).toHaveStatus(202);
      const { eventId } = await json<{ eventId: string }>(test);
      await eventually(async () => expect((await deliveriesOf(hook.webhookId))[0]?.status).toBe('delivered'), 30_000);
      const verified = rig.receiver.verified(hook.secret, '/flaky');
      expect(verified.map((entry) => entry.id)).toEqual([eventId, eventId, eventId, eventId]);
      expect(verified.map((entry) => entry.event)).toEqual(Array(4).fill(expect.objectContaining({ eventId, type: 'webhook.test', actor: { type: 'client', id: 'sc_root' }, data: { webhookId: hook.webhookId } })));
      expect(new Set(rig.receiver.received.map((delivery) => delivery.headers['webhook-timestamp'])).size).toBeGreaterThanOrEqual(1);
      const [delivery] = await deliveriesOf(hook.webhookId);
      expect(delivery.attempts.map((attempt) => attempt.responseStatus)).toEqual([500, 500, 500, 200]);
    });

    it('sends what an endpoint subscribes to, recorded with the change, and leaves out the echoes of excluded clients', async () => {
      const crm = await newClient(['webhooks:write']);
      const other = await newClient(['webhooks:write']);
      const hook = await create({ url: `${rig.receiver.url}/echo`, eventTypes: ['webhook.updated'], excludeActorClientIds: [crm.clientId] });
      const target = await create({ url: `${rig.receiver.url}/target`, eventTypes: ['tenant.*'] });
      await expect(await crm.call('PATCH', `/v1/webhooks/${target.webhookId}`, { description: 'by the CRM' })).toHaveStatus(200);
      await expect(await other.call('PATCH', `/v1/webhooks/${target.webhookId}`, { description: 'by another client' })).toHaveStatus(200);
      await expect(await crm.call('PATCH', `/v1/webhooks/${target.webhookId}`, { description: 'by the CRM again' })).toHaveStatus(200);
      await eventually(async () => expect(rig.receiver.received.filter((d) => d.path === '/echo')).toHaveLength(1), 10_000);
      // A later event from the other client is delivered too, so the CRM's were left out, not delayed.
      await expect(await other.call('PATCH', `/v1/webhooks/${target.webhookId}`, { eventTypes: ['tenant.created'] })).toHaveStatus(200);
      await eventually(async () => expect(rig.receiver.received.filter((d) => d.path === '/echo')).toHaveLength(2), 10_000);
      const events = rig.receiver.verified(hook.secret, '/echo').map((entry) => entry.event);
      expect(events.map((event) => [event.type, event.actor.id, event.data.changed])).toEqual([
        ['webhook.updated', other.clientId, ['description']],
        ['webhook.updated', other.clientId, ['eventTypes']],
      ]);
      expect(rig.receiver.received.filter((d) => d.path === '/target')).toHaveLength(0);
    });

    it('an endpoint answering 410 is disabled at once, with a webhook.disabled event', async () => {
      rig.receiver.answer = (delivery, res) => res.writeHead(delivery.path === '/gone' ? 410 : 204).end();
      const gone = await create({ url: `${rig.receiver.url}/gone`, eventTypes: ['user.*'] });
      const watcher = await create({ url: `${rig.receiver.url}/watcher`, eventTypes: ['webhook.disabled'] });
      await expect(await rig.admin('POST', `/v1/webhooks/${gone.webhookId}/test`)).toHaveStatus(202);
      await eventually(async () => expect(await json(await rig.admin('GET', `/v1/webhooks/${gone.webhookId}`))).toMatchObject({ enabled: false, disabledReason: 'gone' }), 10_000);
      await eventually(async () => expect(rig.receiver.received.filter((d) => d.path === '/watcher')).toHaveLength(1), 10_000);
      const [disabled] = rig.receiver.verified(watcher.secret, '/watcher').filter((entry) => entry.event.type === 'webhook.disabled');
      expect(disabled.event).toMatchObject({ actor: { type: 'system', id: 'webhook-delivery' }, data: { webhookId: gone.webhookId, reason: 'gone' } });
      const retry = await rig.admin('POST', `/v1/webhooks/${gone.webhookId}/deliveries/${(await deliveriesOf(gone.webhookId))[0].deliveryId}/retry`);
      await expect(retry).toHaveStatus(409);
      expect(await json(await rig.admin('PATCH', `/v1/webhooks/${gone.webhookId}`, { enabled: true }))).toMatchObject({ enabled: true });
    });

    it('a manual retry sends a delivery again with the same webhook-id', async () => {
      const hook = await create({ url: `${rig.receiver.url}/again`, eventTypes: ['user.*'] });
      await expect(await rig.admin('POST', `/v1/webhooks/${hook.webhookId}/test`)).toHaveStatus(202);
      await eventually(async () => expect((await deliveriesOf(hook.webhookId))[0]?.status).toBe('delivered'), 10_000);
      const [delivery] = await deliveriesOf(hook.webhookId);
      await expect(await rig.admin('POST', `/v1/webhooks/${hook.webhookId}/deliveries/${delivery.deliveryId}/retry`)).toHaveStatus(202);
      await eventually(async () => expect((await deliveriesOf(hook.webhookId))[0]?.attempts).toHaveLength(2), 10_000);
      expect(rig.receiver.verified(hook.secret, '/again').map((entry) => entry.id)).toEqual([delivery.eventId, delivery.eventId]);
      await expect(await rig.admin('POST', `/v1/webhooks/${hook.webhookId}/deliveries/00000000-0000-0000-0000-000000000000/retry`)).toHaveStatus(404);
    });

    it('after a secret rotation, deliveries verify with the new secret and, for a day, with the old one', async () => {
      const hook = await create({ url: `${rig.receiver.url}/rotated`, eventTypes: ['user.*'] });
      const rotated = await rig.admin('POST', `/v1/webhooks/${hook.webhookId}/rotate-secret`);
      await expect(rotated).toHaveStatus(200);
      const { secret } = await json<{ secret: string }>(rotated);
      expect(secret).not.toBe(hook.secret);
      await expect(await rig.admin('POST', `/v1/webhooks/${hook.webhookId}/test`)).toHaveStatus(202);
      await eventually(async () => expect(rig.receiver.received.filter((d) => d.path === '/rotated')).toHaveLength(1), 10_000);
      expect(rig.receiver.verified(secret, '/rotated')).toHaveLength(1);
      expect(rig.receiver.verified(hook.secret, '/rotated')).toHaveLength(1);
    });
  });
});
