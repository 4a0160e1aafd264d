/** Gifts: filtered by status, direction, contact and event; add one (for a contact or event given in the link). */
import { useState } from 'react';
import { asProblem, type ApiProblem } from '../../../shared/errors';
import { ProblemMessage, SelectField } from '../../../shared/forms';
import { useResource } from '../../../shared/hooks';
import { useQuery } from '../../../shared/router';
import { Card, Loaded, PageTitle } from '../../../shared/ui';
import { GiftList } from '../../components/GiftList';
import { useLookups } from '../../components/lookups';
import { useTitle } from '../../components/useTitle';
import { type Direction, type Gift, type GiftStatus, STATUS_FLOW, STATUS_LABEL } from '../../model';
import { api } from '../../platform';
import { GiftForm } from './GiftForm';

interface Filters {
  status: GiftStatus | '';
  direction: Direction | '';
  contactId: string;
  eventId: string;
}

export function GiftsPage() {
  useTitle('Gifts');
  const query = useQuery();
  const forContact = query.get('contactId') ?? undefined;
  const forEvent = query.get('eventId') ?? undefined;
  const [filters, setFilters] = useState<Filters>({ status: '', direction: '', contactId: forContact ?? '', eventId: forEvent ?? '' });
  const [added, setAdded] = useState(0);
  const [more, setMore] = useState<{ items: Gift[]; cursor: string | null; problem?: ApiProblem }>({ items: [], cursor: null });
  const lookups = useLookups();

  const params = () => ({
    status: filters.status || undefined,
    direction: filters.direction || undefined,
    contactId: filters.contactId || undefined,
    eventId: filters.eventId || undefined,
    limit: 50,
  });
  const gifts = useResource(async () => {
    const page = await api.call((c) => c.GET('/gifts', { params: { query: params() } }));
    setMore({ items: [], cursor: page.nextCursor });
    return page;
  }, [filters, added]);
  const loadMore = async () => {
    const cursor = more.cursor;
    if (!cursor) return;
    try {
      const page = await api.call((c) => c.GET('/gifts', { params: { query: { ...params(), cursor } } }));
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor }));
    } catch (error) {
      setMore((m) => ({ ...m, problem: asProblem(error) }));
    }
  };
  const set = (change: Partial<Filters>) => setFilters((f) => ({ ...f, ...change }));
  const statuses = filters.direction ? STATUS_FLOW[filters.direction] : [...STATUS_FLOW.given, ...STATUS_FLOW.received];

  return (
    <>
      <PageTitle>Gifts</PageTitle>
      <div className="grid grid--sidebar">
        <Card>
          <form className="filters" aria-label="Filter gifts" onSubmit={(e) => e.preventDefault()}>
            <SelectField
              label="Direction"
              name="direction"
              value={filters.direction}
              onChange={(e) => set({ direction: e.target.value as Direction | '', status: '' })}
            >
              <option value="">Any direction</option>
              <option value="given">Given by me</option>
              <option value="received">Received</option>
            </SelectField>
            <SelectField label="Status" name="status" value={filters.status} onChange={(e) => set({ status: e.target.value as GiftStatus | '' })}>
              <option value="">Any status</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </SelectField>
            <SelectField label="Contact" name="contact" value={filters.contactId} onChange={(e) => set({ contactId: e.target.value })}>
              <option value="">Anyone</option>
              {lookups.data?.contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <SelectField label="Event" name="event" value={filters.eventId} onChange={(e) => set({ eventId: e.target.value })}>
              <option value="">Any event</option>
              {lookups.data?.events.map((ev) => (
                <option key={ev.id} value={ev.id}>
                  {ev.name}
                </option>
              ))}
            </SelectField>
          </form>
          <Loaded resource={gifts} label="Loading gifts…">
            {(page) => (
              <>
                <GiftList gifts={[...page.items, ...more.items]} caption="Gifts, newest first" lookups={lookups.data} empty="No gifts match these filters." />
                <ProblemMessage problem={more.problem} onRetry={() => void loadMore()} />
                {more.cursor && (
                  <button type="button" className="button button--secondary" onClick={() => void loadMore()}>
                    Show more gifts
                  </button>
                )}
              </>
            )}
          </Loaded>
        </Card>
        <Card title="Add a gift" id="add-gift">
          <Loaded resource={lookups} label="Loading your contacts and events…">
            {(l) => <GiftForm lookups={l} contactId={forContact} eventId={forEvent} onSaved={() => setAdded((n) => n + 1)} />}
          </Loaded>
        </Card>
      </div>
    </>
  );
}
