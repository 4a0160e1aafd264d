/**
 * The smallest router that serves these apps: paths under the app's base (/skycap/), the
 * History API, and links that are real <a href> (so a new tab, a copied link and a reload work;
 * the server answers every deep link with the app's index.html).
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

let base = '/';
export function setBase(path: string): void {
  base = path.endsWith('/') ? path : `${path}/`;
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};
window.addEventListener('popstate', notify);

/** The path inside the app, always starting with "/" ("/loans/01J..."). */
export function currentPath(): string {
  const path = window.location.pathname;
  return path.startsWith(base) ? `/${path.slice(base.length)}` : '/';
}

export const href = (to: string): string => `${base}${to.replace(/^\//, '')}`;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const target = href(to);
  if (target === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  window.scrollTo(0, 0);
  notify();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

/** The current path inside the app; re-renders on every navigation. */
export function usePath(): string {
  useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
  return currentPath();
}

export function useQuery(): URLSearchParams {
  usePath();
  return new URLSearchParams(window.location.search);
}

/** Matches "/loans/:loanId" against a path; the parameters, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const go = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={href(to)} onClick={go} {...rest} />;
}
