/** The frame of every page: a skip link, the header with the app's navigation and the signed-in person, the main area. */
import type { ReactNode } from 'react';
import { Link, usePath } from './router';

export interface NavItem {
  to: string;
  label: string;
}

interface AppShellProps {
  appName: string;
  nav: NavItem[];
  /** `detail` is the line under the name (default: the person's staff roles, as Skycap shows them) */
  user?: { name: string; roles: string[]; detail?: string };
  onSignOut?: () => void;
  children: ReactNode;
}

export function AppShell({ appName, nav, user, onSignOut, children }: AppShellProps) {
  const path = usePath();
  const active = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              ◆
            </span>
            {appName}
          </Link>
          {nav.length > 0 && (
            <nav aria-label="Main" className="app-nav">
              <ul>
                {nav.map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} aria-current={active(item.to) ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {user && (
            <div className="app-user">
              <span className="app-user__name">
                {user.name}
                <span className="app-user__roles">
                  {user.detail ??
                    (user.roles
                      .filter((r) => r !== 'user')
                      .join(', ')
                      .replace(/_/g, ' ') ||
                      'borrower')}
                </span>
              </span>
              <button type="button" className="button button--ghost" onClick={onSignOut}>
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
