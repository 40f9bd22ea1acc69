import { ResponseError } from '@roster/client-browser';
import { api } from '../api';
import { useQuery } from '../query';
import { can, useSession } from '../session';
import { ErrorLine, formatTime, Loading, Title } from '../ui';
import { UserDelete } from './user-delete';
import { UserEdit, Versioned } from './user-edit';
import { UserEvents } from './user-events';
import { UserSessions } from './user-sessions';
import { UserTenant } from './user-tenant';

export function UserScreen({ userId }: { userId: string }) {
  const session = useSession();
  const read = useQuery<Versioned>(`users:one:${userId}`, async () => {
    const { data, response } = await api.users.getUserRaw({ userId });
    return { user: data, etag: response.headers.get('etag') ?? '' };
  });
  const user = read.data?.user.userId === userId ? read.data.user : undefined;
  const gone = read.error instanceof ResponseError && read.error.status === 404;
  return (
    <>
      <Title>{user?.name || userId}</Title>
      <Loading when={read.loading} />
      {gone ? <p>This user does not exist (or is being deleted).</p> : <ErrorLine error={read.error} />}
      {user ? (
        <>
          <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">Profile</h2>
            <dl className="facts">
              <dt>userId</dt><dd>{user.userId}</dd>
              <dt>Name</dt><dd>{user.name ?? '—'}</dd>
              <dt>Email</dt><dd>{user.email ?? '—'}</dd>
              <dt>Username</dt><dd>{user.username ?? '—'}</dd>
              <dt>Vanity name</dt><dd>{user.vanityName ?? '—'}</dd>
              <dt>Tenant</dt><dd>{user.tenantId ?? '—'}</dd>
              <dt>Created</dt><dd>{formatTime(user.createdTime)}</dd>
              <dt>Updated</dt><dd>{formatTime(user.updatedTime)} (version {read.data?.etag})</dd>
            </dl>
          </section>
          <section aria-labelledby="identities-heading">
            <h2 id="identities-heading">Identities</h2>
            <table>
              <thead><tr><th scope="col">Connection</th><th scope="col">Subject</th></tr></thead>
              <tbody>
                {(user.linkedIdentities ?? []).map((identity) => (
                  <tr key={`${identity.connection.connectionId} ${identity.connection.userId}`}><td>{identity.connection.connectionId}</td><td>{identity.connection.userId}</td></tr>
                ))}
              </tbody>
            </table>
          </section>
          <UserSessions userId={userId} canWrite={can(session, 'users:write')} />
          {can(session, 'tenants:write') ? <UserTenant userId={userId} tenantId={user.tenantId} /> : null}
          {can(session, 'users:write') ? <UserEdit key={userId} read={read.data!} /> : null}
          {can(session, 'events:read') ? <UserEvents userId={userId} /> : null}
          {can(session, 'users:delete') ? <UserDelete userId={userId} /> : null}
        </>
      ) : null}
    </>
  );
}
