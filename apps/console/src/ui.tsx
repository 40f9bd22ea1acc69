import { ReactNode, useEffect, useRef } from 'react';
import { messageOf } from './api';

/** A screen's heading, focusable so navigation can move focus to it. */
export function Title({ children }: { children: ReactNode }) {
  return <h1 tabIndex={-1}>{children}</h1>;
}

export function ErrorLine({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  return <p role="alert" className="error">{messageOf(error)}</p>;
}

export function Loading({ when }: { when: boolean }) {
  return when ? <p role="status" className="muted">Loading…</p> : null;
}

/** A short-lived note for screen readers and sighted users alike. */
export function Notice({ text }: { text?: string }) {
  return <p role="status" className="notice">{text ?? ''}</p>;
}

export const formatTime = (iso?: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

/** A confirmation step inside the page (no window.confirm: it blocks automation and ignores the theme). */
export function Confirm({ question, onConfirm, onCancel, busy }: { question: string; onConfirm: () => void; onCancel: () => void; busy?: boolean }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div role="alertdialog" aria-label={question} className="confirm">
      <p>{question}</p>
      <button ref={ref} className="danger" onClick={onConfirm} disabled={busy}>Yes, delete</button>{' '}
      <button onClick={onCancel} disabled={busy}>Cancel</button>
    </div>
  );
}
