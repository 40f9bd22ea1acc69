import { FormEvent, useState } from 'react';
import type { CreatedWebhook, Webhook, WebhookCollection } from '@roster/client-browser';
import { api } from '../api';
import { invalidate, useQuery } from '../query';
import { linkProps } from '../router';
import { can, useSession } from '../session';
import { ErrorLine, Loading, Title } from '../ui';

export const health = (webhook: Webhook) => (webhook.enabled ? 'enabled' : `disabled (${webhook.disabledReason ?? 'paused'})`);

/** The signing secret, shown this once. */
export function ShownOnce({ label, secret }: { label: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="card" role="region" aria-label={label}>
      <p><strong>{label}: copy it now, it is shown only once.</strong></p>
      <code className="secret">{secret}</code>
      <p><button onClick={() => navigator.clipboard.writeText(secret).then(() => setCopied(true))}>Copy</button> <span role="status">{copied ? 'Copied.' : ''}</span></p>
    </div>
  );
}

export function WebhooksScreen() {
  const session = useSession();
  const webhooks = useQuery<WebhookCollection>('webhooks:list', () => api.webhooks.getWebhooks({ limit: 100 }));
  const [url, setUrl] = useState('');
  const [eventTypes, setEventTypes] = useState('*');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<CreatedWebhook>();
  const [error, setError] = useState<unknown>();
  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      const types = eventTypes.split(/[\s,]+/).filter(Boolean);
      setCreated(await api.webhooks.createWebhook({ createWebhookRequest: { url, eventTypes: types, ...(description ? { description } : {}) } }));
      setUrl('');
      invalidate('webhooks:');
    } catch (reason) {
      setError(reason);
    }
  }
  return (
    <>
      <Title>Webhooks</Title>
      {can(session, 'webhooks:write') ? (
        <form onSubmit={create} aria-label="Create a webhook">
          <div className="row">
            <div><label htmlFor="webhook-url">Endpoint URL</label><input id="webhook-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} required size={40} /></div>
            <div><label htmlFor="webhook-types">Event types (comma-separated; * for all, user.* for a prefix)</label><input id="webhook-types" value={eventTypes} onChange={(e) => setEventTypes(e.target.value)} required /></div>
            <div><label htmlFor="webhook-description">Description</label><input id="webhook-description" value={description} onChange={(e) => setDescription(e.target.value)} /></div>
            <button className="primary" type="submit">Create webhook</button>
          </div>
        </form>
      ) : null}
      {created ? <ShownOnce label={`Signing secret of ${created.url}`} secret={created.secret} /> : null}
      <ErrorLine error={error ?? webhooks.error} />
      <Loading when={webhooks.loading} />
      <table>
        <thead><tr><th scope="col">Endpoint</th><th scope="col">Events</th><th scope="col">Health</th></tr></thead>
        <tbody>
          {webhooks.data?.webhooks.map((webhook) => (
            <tr key={webhook.webhookId}>
              <td><a {...linkProps(`/webhooks/${encodeURIComponent(webhook.webhookId)}`)}>{webhook.url}</a>{webhook.description ? <div className="muted">{webhook.description}</div> : null}</td>
              <td>{webhook.eventTypes.join(', ')}</td>
              <td className={webhook.enabled ? 'ok' : 'error'}>{health(webhook)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
