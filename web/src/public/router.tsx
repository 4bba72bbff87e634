/**
 * A router of a few lines: the pages are /h5, /h5/report, /h5/track, /h5/board, /h5/meetings[/id] and
 * /h5/outcomes[/id], so history.pushState
 * plus popstate is all that is needed (react-router would cost more than the rest of the page logic).
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

export interface Location {
  path: string;
  query: URLSearchParams;
  state: unknown;
}

function current(): Location {
  const { pathname, search } = window.location;
  return { path: pathname.replace(/\/+$/, '') || '/', query: new URLSearchParams(search), state: window.history.state as unknown };
}

// A new object on every navigation (even to the same URL with new state), the same one in between.
let loc = current();
const listeners = new Set<() => void>();
const notify = () => {
  loc = current();
  for (const l of listeners) l();
};
window.addEventListener('popstate', notify);

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
const snapshot = () => loc;

/** Go to another page of the H5 site. `state` travels with the history entry, never in the URL. */
export function navigate(to: string, state: unknown = null, replace = false): void {
  if (replace) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  window.scrollTo(0, 0);
  notify();
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, snapshot);
}

/** The county the citizen is using, from ?c=. */
export function countyIdFrom(query: URLSearchParams): number | null {
  const n = Number(query.get('c'));
  return Number.isInteger(n) && n > 0 ? n : null;
}

export type H5Path = '' | '/report' | '/track' | '/board' | '/meetings' | '/outcomes' | `/meetings/${number}` | `/outcomes/${number}`;

/** An H5 path with the county kept in the query. */
export function h5(path: H5Path, countyId: number | null, extra: Record<string, string> = {}): string {
  const qs = new URLSearchParams();
  if (countyId) qs.set('c', String(countyId));
  for (const [k, v] of Object.entries(extra)) qs.set(k, v);
  const s = qs.toString();
  return `/h5${path}${s ? `?${s}` : ''}`;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; state?: unknown; children: ReactNode };

/** An ordinary link (works without script, opens in a new tab) that navigates in place on a plain click. */
export function Link({ to, state, onClick, children, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to, state ?? null);
  };
  return <a href={to} onClick={handle} {...rest}>{children}</a>;
}
