import { useEffect, useReducer, useRef } from 'react';

/**
 * The console's one query cache: results by key, shared by every component that asks for the same key, refetched
 * when invalidated. A tiny hook instead of a library keeps the initial bundle small; it does what the screens need.
 */
interface Entry {
  data?: unknown;
  error?: unknown;
  loaded: boolean;
  stale: boolean;
  inFlight?: Promise<void>;
  load?: () => Promise<unknown>;
  listeners: Set<() => void>;
}

const entries = new Map<string, Entry>();

function entryOf(key: string): Entry {
  let entry = entries.get(key);
  if (!entry) entries.set(key, (entry = { loaded: false, stale: true, listeners: new Set() }));
  return entry;
}

function fetchEntry(entry: Entry): void {
  if (entry.inFlight || !entry.load) return;
  entry.stale = false;
  entry.inFlight = entry.load().then(
    (data) => void Object.assign(entry, { data, error: undefined, loaded: true }),
    (error) => void Object.assign(entry, { error, loaded: true }),
  ).finally(() => {
    entry.inFlight = undefined;
    entry.listeners.forEach((listener) => listener());
    if (entry.stale && entry.listeners.size) fetchEntry(entry);
  });
}

export interface Query<T> {
  data?: T;
  error?: unknown;
  /** True until the current key's first answer; `data` then holds the previous key's answer, if any. */
  loading: boolean;
}

/** `key` null: nothing to load yet. The key must change whenever what `load` fetches changes. */
export function useQuery<T>(key: string | null, load: () => Promise<T>): Query<T> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const previous = useRef<T | undefined>(undefined);
  useEffect(() => {
    if (key === null) return;
    const entry = entryOf(key);
    entry.load = load;
    entry.listeners.add(rerender);
    if (entry.stale) fetchEntry(entry);
    return () => void entry.listeners.delete(rerender);
    // `load` is a new closure each render: the key alone says when it fetches something else.
  }, [key]);
  const entry = key === null ? undefined : entries.get(key);
  if (entry?.loaded && entry.error === undefined) previous.current = entry.data as T;
  return { data: entry?.loaded ? (entry.data as T | undefined) ?? previous.current : previous.current, error: entry?.error, loading: !entry?.loaded };
}

/** Marks every key starting with `prefix` stale and refetches the ones on screen. */
export function invalidate(prefix: string): void {
  for (const [key, entry] of entries) {
    if (!key.startsWith(prefix)) continue;
    entry.stale = true;
    if (entry.listeners.size) fetchEntry(entry);
    else entries.delete(key);
  }
}

/** Forgets everything (sign-out). */
export function clearQueries(): void {
  entries.clear();
}
