/** The Gift Tracker: contacts, events, gifts and their photos, for the person signed in through the user pool. */
import { useEffect } from 'react';
import { useProfileTimeZone } from '../shared/hooks';
import { AppShell, type NavItem } from '../shared/layout';
import { match, navigate, usePath } from '../shared/router';
import { EmptyState, PageTitle } from '../shared/ui';
import { AuthPage } from './features/auth/AuthPage';
import { ContactPage } from './features/contacts/ContactPage';
import { ContactsPage } from './features/contacts/ContactsPage';
import { EventPage } from './features/events/EventPage';
import { EventsPage } from './features/events/EventsPage';
import { GiftPage } from './features/gifts/GiftPage';
import { GiftsPage } from './features/gifts/GiftsPage';
import { api, session, useSession } from './platform';

const NAV: NavItem[] = [
  { to: '/contacts', label: 'Contacts' },
  { to: '/events', label: 'Events' },
  { to: '/gifts', label: 'Gifts' },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Page({ path }: { path: string }) {
  if (path === '/' || path === '/sign-in') return <Redirect to="/events" />;
  if (path === '/contacts') return <ContactsPage />;
  if (path === '/events') return <EventsPage />;
  if (path === '/gifts') return <GiftsPage />;
  const contact = match('/contacts/:contactId', path);
  if (contact) return <ContactPage contactId={contact.contactId} />;
  const event = match('/events/:eventId', path);
  if (event) return <EventPage eventId={event.eventId} />;
  const gift = match('/gifts/:giftId', path);
  if (gift) return <GiftPage giftId={gift.giftId} />;
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
  const signedIn = !!state;

  useEffect(() => {
    if (!signedIn) document.title = 'Sign in · Gift Tracker';
  }, [signedIn]);

  useProfileTimeZone(api, state?.user.id);

  if (!state) {
    return (
      <AppShell appName="Gift Tracker" nav={[]}>
        <AuthPage expired={status === 'expired'} />
      </AppShell>
    );
  }
  return (
    <AppShell
      appName="Gift Tracker"
      nav={NAV}
      user={{ name: state.user.name, roles: state.user.roles, detail: state.user.email && state.user.email !== state.user.name ? state.user.email : '' }}
      onSignOut={() => void session.signOut().then(() => navigate('/'))}
    >
      <Page path={path} />
    </AppShell>
  );
}
