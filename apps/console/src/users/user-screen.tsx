import type { UserIdentity } from '@roster/client-browser';
import { api } from '../api';
import { useQuery } from '../query';
import { ErrorLine, Loading, Title } from '../ui';

export function UserScreen({ userId }: { userId: string }) {
  const user = useQuery<UserIdentity>(`users:one:${userId}`, () => api.users.getUser({ userId }));
  return (
    <>
      <Title>User {userId}</Title>
      <Loading when={user.loading} />
      <ErrorLine error={user.error} />
      {user.data && <p>{user.data.name}</p>}
    </>
  );
}
