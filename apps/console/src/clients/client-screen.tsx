import { useState } from 'react';
import type { ClientAccessKey, ClientWithKeys } from '@roster/client-browser';
import { api } from '../api';
import { invalidate, useQuery } from '../query';
import { navigate } from '../router';
import { Confirm, ErrorLine, formatTime, Loading, Notice, Title } from '../ui';
import { PermissionPicker } from './permission-picker';
import { asPermissions } from './permissions';

/** The new key, shown this once: the service keeps only its public half. */
function NewKey({ issued, onDone }: { issued: ClientAccessKey; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="card" role="region" aria-label="New access key">
      <p><strong>Copy this access key now: it is shown only once.</strong></p>
      <code className="secret" data-testid="new-access-key">{issued.accessKey}</code>
      <p>
        <button onClick={() => navigator.clipboard.writeText(issued.accessKey).then(() => setCopied(true))}>Copy key</button>{' '}
        <button onClick={onDone}>Done</button>
      </p>
      <Notice text={copied ? 'Copied to the clipboard.' : undefined} />
    </div>
  );
}

export function ClientScreen({ clientId }: { clientId: string }) {
  const key = `clients:one:${clientId}`;
  const client = useQuery<ClientWithKeys>(key, () => api.clients.getClient({ clientId }));
  const [permissions, setPermissions] = useState<string[]>();
  const [issued, setIssued] = useState<ClientAccessKey>();
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await work();
      setNotice(done);
      invalidate('clients:');
    } catch (reason) {
      setError(reason);
    }
  };
  const data = client.data?.clientId === clientId ? client.data : undefined;
  const chosen = permissions ?? data?.permissions ?? [];
  return (
    <>
      <Title>{data?.name ?? clientId}</Title>
      <Loading when={client.loading} />
      <ErrorLine error={client.error ?? error} />
      <Notice text={notice} />
      {data ? (
        <>
          <dl className="facts"><dt>Client id</dt><dd>{data.clientId}</dd><dt>Created</dt><dd>{formatTime(data.createdTime)}</dd></dl>
          <section aria-labelledby="keys-heading">
            <h2 id="keys-heading">Access keys</h2>
            {issued ? <NewKey issued={issued} onDone={() => setIssued(undefined)} /> : null}
            <table>
              <thead><tr><th scope="col">Key</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">State</th></tr></thead>
              <tbody>
                {data.keys.map((k) => (
                  <tr key={k.keyId}>
                    <td>{k.keyId}</td><td>{formatTime(k.createdTime)}</td><td>{formatTime(k.lastUsedTime)}</td>
                    <td>{k.revokedTime ? `revoked ${formatTime(k.revokedTime)}` : <button onClick={() => void act(() => api.clients.deleteAccessKey({ clientId, keyId: k.keyId }), `Key ${k.keyId} revoked.`)} aria-label={`Revoke key ${k.keyId}`}>Revoke</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p><button className="primary" onClick={() => void act(async () => setIssued(await api.clients.createAccessKey({ clientId })), 'Key created.')}>Create access key</button></p>
          </section>
          <section aria-labelledby="permissions-heading">
            <h2 id="permissions-heading">Permissions</h2>
            <PermissionPicker value={chosen} onChange={setPermissions} legend="This client's permissions" />
            <p><button onClick={() => void act(() => api.clients.updateClient({ clientId, updateClientRequest: { permissions: asPermissions(chosen) } }), 'Permissions saved.')} disabled={!permissions}>Save permissions</button></p>
          </section>
          <section aria-labelledby="client-delete-heading">
            <h2 id="client-delete-heading">Delete</h2>
            {deleting ? (
              <Confirm question={`Delete ${data.name}? Every key stops working at once.`} onCancel={() => setDeleting(false)}
                onConfirm={() => void act(() => api.clients.deleteClient({ clientId }), 'Client deleted.').then(() => navigate('/clients'))} />
            ) : <button className="danger" onClick={() => setDeleting(true)}>Delete client…</button>}
          </section>
        </>
      ) : null}
    </>
  );
}
