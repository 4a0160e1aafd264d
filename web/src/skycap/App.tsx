/** Skycap Loans: which pages a person sees follows their roles; what a role may not do is not offered. */
import { useEffect } from 'react';
import { useProfileTimeZone } from '../shared/hooks';
import { AppShell, type NavItem } from '../shared/layout';
import { match, navigate, usePath } from '../shared/router';
import { EmptyState, PageTitle } from '../shared/ui';
import { UsersPage } from './features/admin/UsersPage';
import { SignInPage } from './features/auth/SignInPage';
import { ApplyPage } from './features/borrower/ApplyPage';
import { LoanPage } from './features/loan/LoanPage';
import { MyLoansPage } from './features/borrower/MyLoansPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { LoanListPage } from './features/officer/LoanListPage';
import { api, can, session, useSession } from './platform';

function navFor(roles: string[]): NavItem[] {
  const items: NavItem[] = [];
  if (can.seeStats(roles)) items.push({ to: '/dashboard', label: 'Dashboard' });
  if (can.decide(roles)) items.push({ to: '/queue', label: 'Applications' });
  if (can.disburse(roles)) items.push({ to: '/portfolio', label: 'Portfolio' });
  items.push({ to: '/loans', label: 'My loans' }, { to: '/apply', label: 'Apply' });
  if (can.manageUsers(roles)) items.push({ to: '/admin/users', label: 'Users' });
  return items;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function NotOffered() {
  return (
    <>
      <PageTitle>Not available</PageTitle>
      <EmptyState>This page is not part of what your account can do.</EmptyState>
    </>
  );
}

function Page({ path, roles, userId }: { path: string; roles: string[]; userId: string }) {
  if (path === '/' || path === '/sign-in') return <Redirect to={can.seeStats(roles) ? '/dashboard' : '/loans'} />;
  if (path === '/apply') return <ApplyPage />;
  if (path === '/loans') return <MyLoansPage userId={userId} roles={roles} />;
  const loan = match('/loans/:loanId', path);
  if (loan) return <LoanPage loanId={loan.loanId} roles={roles} userId={userId} />;
  if (path === '/dashboard') return can.seeStats(roles) ? <DashboardPage /> : <NotOffered />;
  if (path === '/queue') return can.decide(roles) ? <LoanListPage kind="queue" /> : <NotOffered />;
  if (path === '/portfolio') return can.disburse(roles) ? <LoanListPage kind="portfolio" /> : <NotOffered />;
  if (path === '/admin/users') return can.manageUsers(roles) ? <UsersPage currentUserId={userId} /> : <NotOffered />;
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <EmptyState>There is nothing at this address. Use the menu above.</EmptyState>
    </>
  );
}

export function App() {
  const { state, status } = useSession();
  const path = usePath();
  const userId = state?.user.id;

  useEffect(() => {
    document.title = state ? 'Skycap Loans' : 'Sign in · Skycap Loans';
  }, [state]);

  useProfileTimeZone(api, userId);

  if (!state) {
    return (
      <AppShell appName="Skycap Loans" nav={[]}>
        <SignInPage expired={status === 'expired'} />
      </AppShell>
    );
  }
  const roles = state.user.roles;
  return (
    <AppShell
      appName="Skycap Loans"
      nav={navFor(roles)}
      user={{ name: state.user.name, roles }}
      onSignOut={() => void session.signOut().then(() => navigate('/'))}
    >
      <Page path={path} roles={roles} userId={state.user.id} />
    </AppShell>
  );
}
