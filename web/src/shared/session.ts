/**
 * A signed-in session: the token pair, kept in localStorage so a reload stays signed in, and its
 * refresh. Refresh tokens rotate (each works once), so refreshes are single-flight: every caller
 * that meets a 401 at the same moment waits for the same refresh. When the refresh fails the
 * session ends as "expired", and the app asks the person to sign in again.
 *
 * The store knows nothing of who issues the tokens: `refresh` and `logout` come from the app
 * (Skycap: the platform's /auth routes; the Gift Tracker: Cognito).
 */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

export interface SessionUser {
  id: string;
  email: string | null;
  name: string;
  roles: string[];
}

export interface SessionState {
  tokens: SessionTokens;
  user: SessionUser;
}

export interface SessionOptions {
  storageKey: string;
  /** a new pair for the refresh token, or null when it is refused (expired, reused, revoked) */
  refresh: (refreshToken: string) => Promise<SessionTokens | null>;
  logout: (refreshToken: string) => Promise<void>;
}

export type SessionStatus = 'signed-in' | 'signed-out' | 'expired';

/** The roles an access token carries (the server reads them from there, so the app does too). */
export function rolesOf(accessToken: string): string[] | undefined {
  try {
    const payload = JSON.parse(atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { roles?: unknown };
    return Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : undefined;
  } catch {
    return undefined;
  }
}

export class Session {
  private state: SessionState | null;
  private status: SessionStatus;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: SessionOptions) {
    this.state = this.load();
    this.status = this.state ? 'signed-in' : 'signed-out';
  }

  get current(): SessionState | null {
    return this.state;
  }

  get currentStatus(): SessionStatus {
    return this.status;
  }

  get accessToken(): string | undefined {
    return this.state?.tokens.accessToken;
  }

  hasRole(...roles: string[]): boolean {
    return !!this.state && roles.some((role) => this.state?.user.roles.includes(role));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signIn(tokens: SessionTokens, user: SessionUser): void {
    this.set({ tokens, user: { ...user, roles: rolesOf(tokens.accessToken) ?? user.roles } }, 'signed-in');
  }

  /** Refreshes once for every caller waiting on it; false when the session could not be kept. */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      const state = this.state;
      this.refreshing = (async () => {
        if (!state) return false;
        let tokens: SessionTokens | null = null;
        try {
          tokens = await this.options.refresh(state.tokens.refreshToken);
        } catch {
          return false; // network: keep the session, the caller shows a retry
        }
        if (!tokens) {
          this.set(null, 'expired');
          return false;
        }
        this.set({ tokens, user: { ...state.user, roles: rolesOf(tokens.accessToken) ?? state.user.roles } }, 'signed-in');
        return true;
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** The access token was refused and could not be refreshed: ask to sign in again. */
  expire(): void {
    if (this.state) this.set(null, 'expired');
  }

  async signOut(): Promise<void> {
    const refreshToken = this.state?.tokens.refreshToken;
    this.set(null, 'signed-out');
    if (refreshToken) await this.options.logout(refreshToken).catch(() => undefined);
  }

  private set(state: SessionState | null, status: SessionStatus): void {
    this.state = state;
    this.status = status;
    try {
      if (state) localStorage.setItem(this.options.storageKey, JSON.stringify(state));
      else localStorage.removeItem(this.options.storageKey);
    } catch {
      /* storage full or blocked: the session lives in memory only */
    }
    for (const listener of this.listeners) listener();
  }

  private load(): SessionState | null {
    try {
      const saved = JSON.parse(localStorage.getItem(this.options.storageKey) ?? 'null') as SessionState | null;
      return saved?.tokens?.accessToken && saved.tokens.refreshToken && saved.user ? saved : null;
    } catch {
      return null;
    }
  }
}
