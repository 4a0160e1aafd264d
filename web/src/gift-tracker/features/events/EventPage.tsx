/** One event: its budget, what is spent and what remains, and the gifts grouped by recipient. */
import { formatDate } from '../../../shared/dates';
import { useResource } from '../../../shared/hooks';
import { Link } from '../../../shared/router';
import { Amount, Card, EmptyState, Loaded, PageTitle } from '../../../shared/ui';
import { GiftList } from '../../components/GiftList';
import { useTitle } from '../../components/useTitle';
import { EVENT_TYPES } from '../../model';
import { api } from '../../platform';

export function EventPage({ eventId }: { eventId: string }) {
  const event = useResource(() => api.call((c) => c.GET('/events/{eventId}', { params: { path: { eventId } } })), [eventId]);
  const summary = useResource(() => api.call((c) => c.GET('/events/{eventId}/summary', { params: { path: { eventId } } })), [eventId]);
  useTitle(event.data?.name ?? 'Event');

  return (
    <Loaded resource={event} label="Loading the event…">
      {(e) => (
        <>
          <PageTitle
            actions={
              <Link className="button" to={`/gifts?eventId=${e.id}`}>
                Add a gift for this event
              </Link>
            }
          >
            {e.name}
          </PageTitle>
          <p className="muted">
            {EVENT_TYPES.find((t) => t.value === e.type)?.label} on {formatDate(e.date)}
            {e.recurring === 'yearly' ? ', every year' : ''}
          </p>
          <Card title="Budget" id="budget">
            <Loaded resource={summary} label="Adding up the gifts…">
              {(s) => (
                <>
                  <dl className="stats">
                    <div className="stat">
                      <dt>Budget</dt>
                      <dd data-figure="budget">{s.budget ? <Amount money={s.budget} /> : <span className="muted">No budget</span>}</dd>
                    </div>
                    <div className="stat">
                      <dt>Spent</dt>
                      <dd data-figure="spent">
                        <Amount money={s.spent} />
                      </dd>
                    </div>
                    <div className="stat">
                      <dt>Remaining</dt>
                      <dd data-figure="remaining" className={s.remaining && s.remaining.amount < 0 ? 'overdue' : undefined}>
                        <Amount money={s.remaining} />
                        {s.remaining && s.remaining.amount < 0 && <span className="stat__note"> over budget</span>}
                      </dd>
                    </div>
                  </dl>
                  <h3 className="section-title">Gifts by recipient</h3>
                  {s.byRecipient.length === 0 ? (
                    <EmptyState>No gifts for this event yet.</EmptyState>
                  ) : (
                    s.byRecipient.map((r) => {
                      const who = r.name ?? (r.contactId ? 'A contact' : 'No recipient');
                      return (
                        <section key={r.contactId ?? 'none'} className="recipient" aria-label={`Gifts for ${who}`}>
                          <h4>
                            {r.contactId ? <Link to={`/contacts/${r.contactId}`}>{who}</Link> : who}
                            <span className="recipient__spent">
                              spent <Amount money={r.spent} />
                            </span>
                          </h4>
                          <GiftList gifts={r.gifts} caption={`Gifts for ${who}`} empty="None." />
                        </section>
                      );
                    })
                  )}
                </>
              )}
            </Loaded>
          </Card>
        </>
      )}
    </Loaded>
  );
}
