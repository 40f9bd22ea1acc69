import { useSyncExternalStore } from 'react';

/** The console's routes are paths under /console/ (the service answers every one of them with index.html). */
export const BASE = '/console';

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((listener) => listener()));

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = BASE + path;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((listener) => listener());
  // Move focus to the new screen's heading, as a page load would, for keyboard and screen-reader users.
  queueMicrotask(() => document.querySelector<HTMLElement>('main h1')?.focus());
}

const subscribe = (listener: () => void) => (listeners.add(listener), () => void listeners.delete(listener));
const currentPath = () => location.pathname.slice(BASE.length) || '/';

/** The path after /console, e.g. `/users/alice`. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** A link that navigates without reloading (and still opens in a new tab). */
export function linkProps(path: string) {
  return {
    href: BASE + path,
    onClick: (event: { preventDefault(): void; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; button: number }) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      navigate(path);
    },
  };
}
