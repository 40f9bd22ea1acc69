import { FormEvent, useState } from 'react';
import type { ClientCollection } from '@roster/client-browser';
import { api } from '../api';
import { invalidate, useQuery } from '../query';
import { linkProps, navigate } from '../router';
import { ErrorLine, formatTime, Loading, Title } from '../ui';
import { PermissionPicker } from './permission-picker';
import { asPermissions } from './permissions';

export function ClientsScreen() {
  const clients = useQuery<ClientCollection>('clients:list', () => api.clients.getClients());
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await api.clients.createClient({ createClientRequest: { name, permissions: asPermissions(permissions) } });
      invalidate('clients:');
      navigate(`/clients/${encodeURIComponent(created.clientId)}`);
    } catch (reason) {
      setError(reason);
    }
  }
  return (
    <>
      <Title>Service clients</Title>
      <form onSubmit={create} aria-label="Create a service client">
        <label htmlFor="client-name">Name</label>
        <input id="client-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} />
        <PermissionPicker value={permissions} onChange={setPermissions} legend="Permissions (only those you hold)" />
        <p><button className="primary" type="submit" disabled={!name}>Create client</button></p>
      </form>
      <ErrorLine error={error ?? clients.error} />
      <Loading when={clients.loading} />
      <table>
        <thead><tr><th scope="col">Client</th><th scope="col">Name</th><th scope="col">Permissions</th><th scope="col" className="wide-only">Created</th></tr></thead>
        <tbody>
          {clients.data?.clients.map((client) => (
            <tr key={client.clientId}>
              <td><a {...linkProps(`/clients/${encodeURIComponent(client.clientId)}`)}>{client.clientId}</a></td>
              <td>{client.name}</td>
              <td>{client.permissions.join(', ') || '—'}</td>
              <td className="wide-only">{formatTime(client.createdTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
