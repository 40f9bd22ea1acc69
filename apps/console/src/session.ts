import { useSyncExternalStore } from 'react';

/**
 * The console session: a short-lived bearer token (at most 8 hours, ended server-side by sign-out) and the
 * permissions it carries. Kept in sessionStorage, which dies with the tab; nothing long-lived is stored.
 */
export interface ConsoleSession {
  token: string;
  expiresAt: string;
  permissions: string[];
  operator: string;
}

const KEY = 'roster.console.session';
const listeners = new Set<() => void>();
let current: ConsoleSession | null = read();

function read(): ConsoleSession | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as ConsoleSession | null;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function setSession(session: ConsoleSession | null): void {
  current = session;
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export const getSession = () => current;

export function useSession(): ConsoleSession | null {
  return useSyncExternalStore((listener) => (listeners.add(listener), () => void listeners.delete(listener)), () => current);
}

/** What the session may do; each screen shows only that (the API enforces it regardless). */
export function can(session: ConsoleSession | null, permission: string): boolean {
  return !!session && (session.permissions.includes('*') || session.permissions.includes(permission));
}
