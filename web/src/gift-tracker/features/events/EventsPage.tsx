/** Events: the next 30 days (events and birthdays, soonest first), events by date range, add one. */
import { useState } from 'react';
import { formatDate } from '../../../shared/dates';
import { TextField } from '../../../shared/forms';
import { useResource } from '../../../shared/hooks';
import { Link, navigate } from '../../../shared/router';
import { Amount, Card, EmptyState, Loaded, PageTitle, TableWrap } from '../../../shared/ui';
import { useLookups } from '../../components/lookups';
import { useTitle } from '../../components/useTitle';
import { addDays, EVENT_TYPES, todayLocal } from '../../model';
import { api } from '../../platform';
import { EventForm } from './EventForm';

const typeLabel = (type: string) => EVENT_TYPES.find((t) => t.value === type)?.label ?? type;

function Upcoming() {
  const upcoming = useResource(() => api.call((c) => c.GET('/events/upcoming', { params: { query: { days: 30 } } })), []);
  return (
    <Card title="The next 30 days" id="upcoming">
      <Loaded resource={upcoming} label="Loading what is coming up…">
        {(reply) =>
          reply.items.length === 0 ? (
            <EmptyState>Nothing in the next 30 days.</EmptyState>
          ) : (
            <ol className="upcoming">
              {reply.items.map((item) => (
                <li key={`${item.kind}-${'eventId' in item ? item.eventId : item.contactId}-${item.date}`}>
                  <span className="upcoming__date">{formatDate(item.date)}</span>
                  {item.kind === 'event' ? (
                    <Link to={`/events/${item.eventId}`}>{item.name}</Link>
                  ) : (
                    <span>
                      <Link to={`/contacts/${item.contactId}`}>{item.name}</Link>’s birthday
                    </span>
                  )}
                  <span className={`badge badge--${item.kind}`}>{item.kind === 'event' ? 'Event' : 'Birthday'}</span>
                </li>
              ))}
            </ol>
          )
        }
      </Loaded>
    </Card>
  );
}

function EventsInRange() {
  const today = todayLocal();
  const [from, setFrom] = useState(addDays(today, -30));
  const [to, setTo] = useState(addDays(today, 365));
  const rangeError = from && to && from > to ? 'The start must not be after the end.' : undefined;
  const events = useResource(
    () =>
      rangeError
        ? Promise.resolve(null)
        : api.call((c) => c.GET('/events', { params: { query: { from: from || undefined, to: to || undefined, limit: 100 } } })),
    [from, to, rangeError],
  );
  return (
    <Card title="Events by date" id="events-by-date">
      <div className="form-row">
        <TextField label="From" type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} field="from" problem={events.problem} />
        <TextField label="To" type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} field="to" problem={events.problem} error={rangeError} />
      </div>
      <Loaded resource={events} label="Loading events…">
        {(page) =>
          !page ? null : page.items.length === 0 ? (
            <EmptyState>No events between these dates.</EmptyState>
          ) : (
            <TableWrap label="Events between the dates">
              <table>
                <caption>Events between the dates, oldest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Event</th>
                    <th scope="col">Type</th>
                    <th scope="col" className="num">
                      Budget
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((e) => (
                    <tr key={e.id}>
                      <td>
                        {formatDate(e.date)}
                        {e.recurring === 'yearly' && <span className="muted"> · every year</span>}
                      </td>
                      <td>
                        <Link to={`/events/${e.id}`}>{e.name}</Link>
                      </td>
                      <td>{typeLabel(e.type)}</td>
                      <td className="num">
                        <Amount money={e.budget} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )
        }
      </Loaded>
    </Card>
  );
}

export function EventsPage() {
  useTitle('Events');
  const lookups = useLookups();
  return (
    <>
      <PageTitle>Events</PageTitle>
      <div className="grid grid--sidebar">
        <div>
          <Upcoming />
          <EventsInRange />
        </div>
        <Card title="Add an event" id="add-event">
          <Loaded resource={lookups} label="Loading your contacts…">
            {(l) => <EventForm contacts={l.contacts} onSaved={(saved) => navigate(`/events/${saved.id}`)} />}
          </Loaded>
        </Card>
      </div>
    </>
  );
}
