/** A Session as React state, for either app: re-renders on sign-in, refresh, expiry and sign-out. */
import { useSyncExternalStore } from 'react';
import type { Session, SessionState, SessionStatus } from './session';

export interface SessionView {
  state: SessionState | null;
  status: SessionStatus;
}

/** The hook for one session (one per app): `export const useSession = sessionHook(session)`. */
export function sessionHook(session: Session): () => SessionView {
  let view: SessionView = { state: session.current, status: session.currentStatus };
  session.subscribe(() => {
    view = { state: session.current, status: session.currentStatus };
  });
  return () => useSyncExternalStore(session.subscribe, () => view);
}
