/** The person's contacts and events, for pickers and for names beside ids (one page of 100 each). */
import { useResource } from '../../shared/hooks';
import type { Contact, GiftEvent } from '../model';
import { api } from '../platform';

export interface Lookups {
  contacts: Contact[];
  events: GiftEvent[];
  contactName: (id: string | null) => string | undefined;
  eventName: (id: string | null) => string | undefined;
}

export function useLookups(deps: unknown[] = []) {
  return useResource<Lookups>(async () => {
    const [contacts, events] = await Promise.all([
      api.call((c) => c.GET('/contacts', { params: { query: { limit: 100 } } })),
      api.call((c) => c.GET('/events', { params: { query: { limit: 100 } } })),
    ]);
    const contactNames = new Map(contacts.items.map((c) => [c.id, c.name]));
    const eventNames = new Map(events.items.map((e) => [e.id, e.name]));
    return {
      contacts: contacts.items,
      events: events.items,
      contactName: (id) => (id ? contactNames.get(id) : undefined),
      eventName: (id) => (id ? eventNames.get(id) : undefined),
    };
  }, deps);
}
