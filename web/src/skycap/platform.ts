/**
 * Skycap's session and API: platform accounts (/auth/login, /auth/register), refresh tokens that
 * rotate (/auth/refresh), sign-out (/auth/logout). One instance of each for the whole app.
 */
import { useSyncExternalStore } from 'react';
import { API_BASE, createApi } from '../shared/api';
import { Session, type SessionState, type SessionStatus } from '../shared/session';

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(`${API_BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export const session = new Session({
  storageKey: 'skycap.session',
  async refresh(refreshToken) {
    const reply = await postJson('/auth/refresh', { refreshToken });
    if (reply.status === 401 || reply.status === 400) return null;
    if (!reply.ok) throw new Error(`refresh failed: HTTP ${reply.status}`);
    const tokens = (await reply.json()) as { accessToken: string; refreshToken: string };
    return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  },
  async logout(refreshToken) {
    await postJson('/auth/logout', { refreshToken });
  },
});

export const api = createApi(session);

export interface SessionView {
  state: SessionState | null;
  status: SessionStatus;
}

let view: SessionView = { state: session.current, status: session.currentStatus };
session.subscribe(() => {
  view = { state: session.current, status: session.currentStatus };
});

/** The session as React state: re-renders on sign-in, refresh, expiry and sign-out. */
export function useSession(): SessionView {
  return useSyncExternalStore(session.subscribe, () => view);
}

export const STAFF = ['loan_officer', 'accountant', 'admin'];
export const can = {
  decide: (roles: string[]) => roles.includes('loan_officer') || roles.includes('admin'),
  disburse: (roles: string[]) => roles.includes('accountant') || roles.includes('admin'),
  repay: (roles: string[]) => roles.includes('accountant') || roles.includes('admin'),
  seeStats: (roles: string[]) => STAFF.some((r) => roles.includes(r)),
  manageUsers: (roles: string[]) => roles.includes('admin'),
  seeAllLoans: (roles: string[]) => STAFF.some((r) => roles.includes(r)),
};
