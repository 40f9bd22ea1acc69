import { useEffect, useState } from 'react';
import { api } from '../api';
import { invalidate } from '../query';
import { linkProps } from '../router';
import { Confirm, ErrorLine } from '../ui';

const POLL_MS = 500;

/** Delete with a confirmation step, then follow the deletion job until the user's rows are gone. */
export function UserDelete({ userId }: { userId: string }) {
  const [asking, setAsking] = useState(false);
  const [status, setStatus] = useState<'idle' | 'requested' | 'running' | 'finished'>('idle');
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (status !== 'requested' && status !== 'running') return;
    const timer = setTimeout(() => {
      api.users.getUserDeletion({ userId }).then((deletion) => {
        setStatus(deletion.status === 'finished' ? 'finished' : 'running');
        if (deletion.status === 'finished') invalidate('users:list');
      }, setError);
    }, status === 'requested' ? 0 : POLL_MS);
    return () => clearTimeout(timer);
  }, [status, userId]);
  async function remove() {
    setError(undefined);
    try {
      await api.users.deleteUser({ userId });
      setAsking(false);
      setStatus('requested');
      invalidate('users:list');
      invalidate('events:');
    } catch (reason) {
      setError(reason);
    }
  }
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      {status === 'idle' && !asking ? <button className="danger" onClick={() => setAsking(true)}>Delete user…</button> : null}
      {asking ? <Confirm question={`Delete ${userId}? Their sessions end at once and their rows are removed.`} onConfirm={() => void remove()} onCancel={() => setAsking(false)} /> : null}
      <p role="status" data-testid="deletion-status">
        {status === 'requested' || status === 'running' ? 'Deleting: the user is gone from every read; the job is removing their rows…' : null}
        {status === 'finished' ? <>Deleted: no row of this user remains. <a {...linkProps('/users')}>Back to users</a></> : null}
      </p>
      <ErrorLine error={error} />
    </section>
  );
}
