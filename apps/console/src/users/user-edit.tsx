import { FormEvent, useState } from 'react';
import { ResponseError, type UserIdentity } from '@roster/client-browser';
import { api } from '../api';
import { invalidate } from '../query';
import { ErrorLine, Notice } from '../ui';

export interface Versioned {
  user: UserIdentity;
  etag: string;
}

type Fields = { name: string; username: string; picture: string; vanityName: string };
const FIELDS: Array<[keyof Fields, string]> = [['name', 'Name'], ['username', 'Username'], ['picture', 'Picture URL'], ['vanityName', 'Vanity name']];
const fieldsOf = (user: UserIdentity): Fields => ({ name: user.name ?? '', username: user.username ?? '', picture: user.picture ?? '', vanityName: user.vanityName ?? '' });

/** Only what the form changed is sent, with the version it was read at: a concurrent edit is shown, never overwritten. */
export function UserEdit({ read }: { read: Versioned }) {
  const [base, setBase] = useState(read);
  const [fields, setFields] = useState(fieldsOf(read.user));
  const [conflict, setConflict] = useState<Versioned>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const original = fieldsOf(base.user);
  const changed = FIELDS.map(([key]) => key).filter((key) => fields[key] !== original[key]);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      const body = Object.fromEntries(changed.map((key) => [key, fields[key]]));
      const { data, response } = await api.users.patchUserRaw({ userId: base.user.userId, ifMatch: base.etag, updateUserRequest: body });
      setBase({ user: data, etag: response.headers.get('etag') ?? base.etag });
      setConflict(undefined);
      setNotice('Saved.');
      invalidate(`users:one:${base.user.userId}`);
      invalidate('users:list');
      invalidate('events:');
    } catch (reason) {
      if (reason instanceof ResponseError && reason.status === 412) {
        const { data, response } = await api.users.getUserRaw({ userId: base.user.userId });
        setConflict({ user: data, etag: response.headers.get('etag') ?? '' });
      } else setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} aria-labelledby="edit-heading">
      <h2 id="edit-heading">Edit profile</h2>
      {FIELDS.map(([key, label]) => (
        <div key={key}>
          <label htmlFor={`edit-${key}`}>{label}</label>
          <input id={`edit-${key}`} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} size={40} />
        </div>
      ))}
      {conflict ? (
        <div role="alert" className="confirm" data-testid="edit-conflict">
          <p><strong>Someone changed this user since you opened it.</strong> Your edit was not saved. Their version ({conflict.etag}):</p>
          <dl className="facts">
            {FIELDS.map(([key, label]) => <div key={key} style={{ display: 'contents' }}><dt>{label}</dt><dd>{fieldsOf(conflict.user)[key] || '—'}</dd></div>)}
          </dl>
          <button type="button" onClick={() => { setBase(conflict); setFields(fieldsOf(conflict.user)); setConflict(undefined); }}>Use their version</button>{' '}
          <button type="button" onClick={() => { setBase(conflict); setConflict(undefined); }}>Keep my edit (save again)</button>
        </div>
      ) : null}
      <ErrorLine error={error} />
      <p><button className="primary" type="submit" disabled={busy || changed.length === 0}>Save</button></p>
      <Notice text={notice} />
    </form>
  );
}
