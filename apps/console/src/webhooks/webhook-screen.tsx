import { useState } from 'react';
import type { Webhook, WebhookDeliveryCollection } from '@roster/client-browser';
import { api } from '../api';
import { invalidate, useQuery } from '../query';
import { navigate } from '../router';
import { can, useSession } from '../session';
import { Confirm, ErrorLine, formatTime, Loading, Notice, Title } from '../ui';
import { health } from './webhooks-screen';

export function WebhookScreen({ webhookId }: { webhookId: string }) {
  const session = useSession();
  const webhook = useQuery<Webhook>(`webhooks:one:${webhookId}`, () => api.webhooks.getWebhook({ webhookId }));
  const deliveries = useQuery<WebhookDeliveryCollection>(`webhooks:deliveries:${webhookId}`, () => api.webhooks.getWebhookDeliveries({ webhookId, limit: 50 }));
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const writable = can(session, 'webhooks:write');
  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await work();
      setNotice(done);
      invalidate('webhooks:');
    } catch (reason) {
      setError(reason);
    }
  };
  const data = webhook.data?.webhookId === webhookId ? webhook.data : undefined;
  return (
    <>
      <Title>{data?.url ?? 'Webhook'}</Title>
      <Loading when={webhook.loading} />
      <ErrorLine error={webhook.error ?? error} />
      <Notice text={notice} />
      {data ? (
        <>
          <dl className="facts">
            <dt>Events</dt><dd>{data.eventTypes.join(', ')}</dd>
            <dt>Health</dt><dd className={data.enabled ? 'ok' : 'error'}>{health(data)}{data.disabledTime ? ` since ${formatTime(data.disabledTime)}` : ''}</dd>
            <dt>Created</dt><dd>{formatTime(data.createdTime)}</dd>
          </dl>
          {writable ? (
            <p className="row">
              <button onClick={() => void act(() => api.webhooks.testWebhook({ webhookId }), 'Test event sent.')}>Send a test event</button>
              <button onClick={() => void act(() => api.webhooks.updateWebhook({ webhookId, updateWebhookRequest: { enabled: !data.enabled } }), data.enabled ? 'Paused.' : 'Enabled.')}>{data.enabled ? 'Pause' : 'Enable'}</button>
              <button onClick={() => void act(() => Promise.resolve(invalidate(`webhooks:deliveries:${webhookId}`)), 'Refreshed.')}>Refresh deliveries</button>
              <button className="danger" onClick={() => setDeleting(true)}>Delete…</button>
            </p>
          ) : null}
          {deleting ? <Confirm question={`Delete the webhook to ${data.url}?`} onCancel={() => setDeleting(false)} onConfirm={() => void act(() => api.webhooks.deleteWebhook({ webhookId }), 'Deleted.').then(() => navigate('/webhooks'))} /> : null}
          <h2>Deliveries</h2>
          <ErrorLine error={deliveries.error} />
          <table data-testid="deliveries">
            <thead><tr><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col" className="wide-only">Last answer</th>{writable ? <th scope="col"><span className="muted">Action</span></th> : null}</tr></thead>
            <tbody>
              {deliveries.data?.deliveries.map((delivery) => {
                const last = delivery.attempts[delivery.attempts.length - 1];
                return (
                  <tr key={delivery.deliveryId}>
                    <td>{delivery.eventType}<div className="muted">{formatTime(delivery.createdTime)}</div></td>
                    <td>{delivery.status}{delivery.nextAttemptTime ? <div className="muted">next {formatTime(delivery.nextAttemptTime)}</div> : null}</td>
                    <td>{delivery.attempts.length}</td>
                    <td className="wide-only">{last ? `${last.responseStatus ?? last.error ?? ''} in ${last.durationMs} ms` : '—'}</td>
                    {writable ? <td>{delivery.status !== 'delivered' ? <button onClick={() => void act(() => api.webhooks.retryWebhookDelivery({ webhookId, deliveryId: delivery.deliveryId }), 'Retry queued.')}>Retry</button> : null}</td> : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
