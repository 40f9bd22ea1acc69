import { useEffect, useState } from 'react';
import type { UserIdentityCollection } from '@roster/client-browser';
import { api } from '../api';
import { useQuery } from '../query';
import { linkProps } from '../router';
import { ErrorLine, formatTime, Title } from '../ui';

/** Waits this long after the last keystroke before asking: fast typists send one request, not one per key. */
const TYPING_PAUSE_MS = 100;

function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const countLine = (n: number) => `${n} ${n === 1 ? 'user' : 'users'} on this page`;

export function UsersScreen() {
  const [filter, setFilter] = useState('');
  const [tenantId, setTenantId] = useState(() => new URLSearchParams(location.search).get('tenantId') ?? '');
  // Keyset paging: the cursors of the pages before this one, so "Previous" goes back without offsets.
  const [cursors, setCursors] = useState<string[]>([]);
  const search = useSettled(filter.trim(), TYPING_PAUSE_MS);
  const tenant = useSettled(tenantId.trim(), TYPING_PAUSE_MS);
  const cursor = cursors[cursors.length - 1];
  useEffect(() => setCursors([]), [search, tenant]);
  const key = `users:list:${JSON.stringify([search, tenant, cursor ?? ''])}`;
  const page = useQuery<UserIdentityCollection>(key, () => api.users.getUsers({ filter: search || undefined, tenantId: tenant || undefined, cursor, limit: 25 }));
  const next = page.data?.pagination?.next?.cursor;
  return (
    <>
      <Title>Users</Title>
      <div className="row" role="search">
        <div>
          <label htmlFor="user-filter">Search (userId, name, email, username)</label>
          <input id="user-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" maxLength={64} />
        </div>
        <div>
          <label htmlFor="tenant-filter">Tenant</label>
          <input id="tenant-filter" value={tenantId} onChange={(e) => setTenantId(e.target.value)} autoComplete="off" maxLength={128} />
        </div>
      </div>
      <ErrorLine error={page.error} />
      <table aria-busy={page.loading} data-testid="users-table" data-shown-filter={page.loading || search !== filter.trim() ? undefined : search}>
        <caption className="muted" style={{ textAlign: 'left' }}>{page.loading ? 'Searching…' : countLine(page.data?.users.length ?? 0)}</caption>
        <thead>
          <tr><th scope="col">userId</th><th scope="col">Name</th><th scope="col">Email</th><th scope="col" className="wide-only">Tenant</th><th scope="col" className="wide-only">Created</th></tr>
        </thead>
        <tbody>
          {page.data?.users.map((user) => (
            <tr key={user.userId}>
              <td><a {...linkProps(`/users/${encodeURIComponent(user.userId)}`)}>{user.userId}</a></td>
              <td>{user.name ?? ''}</td>
              <td>{user.email ?? ''}</td>
              <td className="wide-only">{user.tenantId ?? ''}</td>
              <td className="wide-only">{formatTime(user.createdTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row" style={{ marginTop: '.75rem' }}>
        <button onClick={() => setCursors(cursors.slice(0, -1))} disabled={cursors.length === 0}>Previous page</button>
        <button onClick={() => next && setCursors([...cursors, next])} disabled={!next}>Next page</button>
      </div>
    </>
  );
}
