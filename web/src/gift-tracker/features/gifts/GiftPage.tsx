/** One gift: its details, its status steps, its photos; delete it. */
import { type ReactNode, useState } from 'react';
import { formatDate } from '../../../shared/dates';
import { asProblem, type ApiProblem } from '../../../shared/errors';
import { ProblemMessage } from '../../../shared/forms';
import { useResource } from '../../../shared/hooks';
import { Link, navigate } from '../../../shared/router';
import { Amount, Card, Loaded, PageTitle } from '../../../shared/ui';
import { useLookups } from '../../components/lookups';
import { useTitle } from '../../components/useTitle';
import { DIRECTION_LABEL, type Gift } from '../../model';
import { api } from '../../platform';
import { Photos } from './Photos';
import { StatusSteps } from './StatusSteps';

function DeleteGift({ gift }: { gift: Gift }) {
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const remove = async () => {
    setProblem(undefined);
    try {
      await api.call((c) => c.DELETE('/gifts/{giftId}', { params: { path: { giftId: gift.id } } }));
      navigate('/gifts');
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  if (!asking)
    return (
      <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
        Delete gift
      </button>
    );
  return (
    <div className="notice notice--warning" role="alert">
      <p>Delete {gift.name} and its photos?</p>
      <ProblemMessage problem={problem} onRetry={() => void remove()} />
      <div className="form-actions">
        <button type="button" className="button button--danger" onClick={() => void remove()}>
          Yes, delete {gift.name}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
          Keep it
        </button>
      </div>
    </div>
  );
}

export function GiftPage({ giftId }: { giftId: string }) {
  const [version, setVersion] = useState(0);
  const gift = useResource(() => api.call((c) => c.GET('/gifts/{giftId}', { params: { path: { giftId } } })), [giftId, version]);
  const lookups = useLookups();
  const reload = () => setVersion((v) => v + 1);
  useTitle(gift.data?.name ?? 'Gift');

  return (
    <Loaded resource={gift} label="Loading the gift…">
      {(g) => {
        const contact = lookups.data?.contactName(g.contactId);
        const event = lookups.data?.eventName(g.eventId);
        const rows: Array<[string, ReactNode]> = [
          ['Direction', DIRECTION_LABEL[g.direction]],
          [
            g.direction === 'given' ? 'For' : 'From',
            g.contactId ? (
              <Link key="contact" to={`/contacts/${g.contactId}`}>
                {contact ?? 'A contact'}
              </Link>
            ) : null,
          ],
          [
            'Event',
            g.eventId ? (
              <Link key="event" to={`/events/${g.eventId}`}>
                {event ?? 'An event'}
              </Link>
            ) : null,
          ],
          ['Price', g.price ? <Amount key="price" money={g.price} /> : null],
          ['Store', g.store],
          [
            'Link',
            g.url ? (
              <a key="url" href={g.url}>
                {g.url}
              </a>
            ) : null,
          ],
          ['Date', g.date ? formatDate(g.date) : null],
          ['Notes', g.notes],
        ];
        return (
          <>
            <PageTitle>{g.name}</PageTitle>
            <div className="grid grid--sidebar">
              <div>
                <Card title="Status" id="status">
                  <StatusSteps gift={g} onMoved={reload} />
                </Card>
                <Card title="Photos" id="photos">
                  <Photos gift={g} onChanged={reload} />
                </Card>
              </div>
              <Card title="Details" id="gift-details">
                <dl className="details">
                  {rows.map(([label, value]) => (
                    <div key={label}>
                      <dt>{label}</dt>
                      <dd>{value ?? <span className="muted">—</span>}</dd>
                    </div>
                  ))}
                </dl>
                <DeleteGift gift={g} />
              </Card>
            </div>
          </>
        );
      }}
    </Loaded>
  );
}
