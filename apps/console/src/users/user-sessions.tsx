import { useState } from 'react';
import type { UserSessionCollection } from '@roster/client-browser';
import { api } from '../api';
import { invalidate, useQuery } from '../query';
import { ErrorLine, formatTime, Notice } from '../ui';

export function UserSessions({ userId, canWrite }: { userId: string; canWrite: boolean }) {
  const key = `users:sessions:${userId}`;
  const sessions = useQuery<UserSessionCollection>(key, () => api.users.getUserSessions({ userId }));
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const act = (work: () => Promise<void>, done: string) => () => {
    setError(undefined);
    work().then(() => { setNotice(done); invalidate(key); invalidate('events:'); }, setError);
  };
  const list = sessions.data?.sessions ?? [];
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <ErrorLine error={sessions.error ?? error} />
      {list.length === 0 && !sessions.loading ? <p className="muted">No open sessions.</p> : null}
      {list.length > 0 ? (
        <table>
          <thead><tr><th scope="col">Started</th><th scope="col">Last seen</th><th scope="col" className="wide-only">Issuer</th>{canWrite ? <th scope="col"><span className="muted">Action</span></th> : null}</tr></thead>
          <tbody>
            {list.map((session) => (
              <tr key={session.sessionId}>
                <td>{formatTime(session.createdTime)}</td>
                <td>{formatTime(session.lastSeenTime)}</td>
                <td className="wide-only">{session.issuer}</td>
                {canWrite ? <td><button onClick={act(() => api.users.deleteUserSession({ userId, sessionId: session.sessionId }), 'Session ended.')} aria-label={`End the session started ${formatTime(session.createdTime)}`}>End</button></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canWrite && list.length > 0 ? <p><button className="danger" onClick={act(() => api.users.deleteUserSessions({ userId }), 'Every session ended.')}>End all sessions</button></p> : null}
      <Notice text={notice} />
    </section>
  );
}
