import { FormEvent, useState } from 'react';
import type { TenantCollection, UserIdentityCollection } from '@roster/client-browser';
import { api } from '../api';
import { invalidate, useQuery } from '../query';
import { linkProps } from '../router';
import { can, useSession } from '../session';
import { Confirm, ErrorLine, formatTime, Loading, Notice, Title } from '../ui';

function Members({ tenantId }: { tenantId: string }) {
  const members = useQuery<UserIdentityCollection>(`users:list:tenant:${tenantId}`, () => api.users.getUsers({ tenantId, limit: 25 }));
  if (members.loading) return <span className="muted">…</span>;
  const users = members.data?.users ?? [];
  if (users.length === 0) return <span className="muted">none</span>;
  return (
    <>
      {users.map((user, i) => <span key={user.userId}>{i ? ', ' : ''}<a {...linkProps(`/users/${encodeURIComponent(user.userId)}`)}>{user.name || user.userId}</a></span>)}
      {members.data?.pagination.next ? <> and more (<a {...linkProps(`/users?tenantId=${encodeURIComponent(tenantId)}`)}>all</a>)</> : null}
    </>
  );
}

export function TenantsScreen() {
  const session = useSession();
  const tenants = useQuery<TenantCollection>('tenants:list', () => api.tenants.getTenants());
  const [tenantId, setTenantId] = useState('');
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const writable = can(session, 'tenants:write');

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await api.tenants.createTenant({ tenant: { ...(tenantId ? { tenantId } : {}), ...(name ? { data: { name } } : {}) } });
      setNotice(`Tenant ${created.tenantId} created.`);
      setTenantId('');
      setName('');
      invalidate('tenants:');
    } catch (reason) {
      setError(reason);
    }
  }
  async function remove(id: string) {
    setError(undefined);
    try {
      await api.tenants.deleteTenant({ tenantId: id });
      setNotice(`Tenant ${id} deleted.`);
      invalidate('tenants:');
    } catch (reason) {
      setError(reason);
    } finally {
      setDeleting(undefined);
    }
  }
  return (
    <>
      <Title>Tenants</Title>
      {writable ? (
        <form onSubmit={create} className="row" aria-label="Create a tenant">
          <div><label htmlFor="tenant-id">Tenant id (optional)</label><input id="tenant-id" value={tenantId} onChange={(e) => setTenantId(e.target.value)} maxLength={128} /></div>
          <div><label htmlFor="tenant-name">Name</label><input id="tenant-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={128} /></div>
          <button className="primary" type="submit">Create tenant</button>
        </form>
      ) : null}
      <ErrorLine error={error ?? tenants.error} />
      <Notice text={notice} />
      <Loading when={tenants.loading} />
      {deleting ? <Confirm question={`Delete tenant ${deleting}? Its members stay, without a tenant.`} onConfirm={() => void remove(deleting)} onCancel={() => setDeleting(undefined)} /> : null}
      <table>
        <thead><tr><th scope="col">Tenant</th><th scope="col">Name</th><th scope="col">Members</th><th scope="col" className="wide-only">Created</th>{writable ? <th scope="col"><span className="muted">Action</span></th> : null}</tr></thead>
        <tbody>
          {tenants.data?.tenants.map((tenant) => (
            <tr key={tenant.tenantId}>
              <td>{tenant.tenantId}</td>
              <td>{tenant.data?.name ?? ''}</td>
              <td>{can(session, 'users:read') ? <Members tenantId={tenant.tenantId!} /> : '—'}</td>
              <td className="wide-only">{formatTime(tenant.createdTime)}</td>
              {writable ? <td><button className="danger" onClick={() => setDeleting(tenant.tenantId)} aria-label={`Delete tenant ${tenant.tenantId}`}>Delete</button></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
