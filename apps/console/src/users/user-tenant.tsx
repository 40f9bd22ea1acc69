import { FormEvent, useState } from 'react';
import type { TenantCollection } from '@roster/client-browser';
import { api } from '../api';
import { invalidate, useQuery } from '../query';
import { ErrorLine, Notice } from '../ui';

/** A user is in at most one tenant: linking moves them. */
export function UserTenant({ userId, tenantId }: { userId: string; tenantId?: string }) {
  const tenants = useQuery<TenantCollection>('tenants:list', () => api.tenants.getTenants());
  const [choice, setChoice] = useState(tenantId ?? '');
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  async function move(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      await api.tenants.linkTenantUser({ tenantId: choice, tenantUser: { userId } });
      setNotice(`Moved to ${choice}.`);
      invalidate(`users:one:${userId}`);
      invalidate('users:list');
      invalidate('events:');
    } catch (reason) {
      setError(reason);
    }
  }
  return (
    <form onSubmit={move} aria-labelledby="tenant-heading">
      <h2 id="tenant-heading">Tenant</h2>
      <div className="row">
        <div>
          <label htmlFor="tenant-choice">Tenant (now: {tenantId ?? 'none'})</label>
          <select id="tenant-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="" disabled>Choose a tenant</option>
            {tenants.data?.tenants.map((tenant) => <option key={tenant.tenantId} value={tenant.tenantId}>{tenant.data?.name ? `${tenant.data.name} (${tenant.tenantId})` : tenant.tenantId}</option>)}
          </select>
        </div>
        <button type="submit" disabled={!choice || choice === tenantId}>Move to tenant</button>
      </div>
      <ErrorLine error={error ?? tenants.error} />
      <Notice text={notice} />
    </form>
  );
}
