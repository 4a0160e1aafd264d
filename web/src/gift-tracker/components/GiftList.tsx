/** Gifts as a table: name (a link to the gift), direction, status, who, which event, price, date. */
import { formatDate } from '../../shared/dates';
import { Link } from '../../shared/router';
import { Amount, EmptyState, TableWrap } from '../../shared/ui';
import { DIRECTION_LABEL, type Gift, STATUS_LABEL } from '../model';
import type { Lookups } from './lookups';

export function GiftList({ gifts, caption, lookups, empty }: { gifts: Gift[]; caption: string; lookups?: Lookups; empty: string }) {
  if (gifts.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <TableWrap label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Gift</th>
            <th scope="col">Direction</th>
            <th scope="col">Status</th>
            {lookups && <th scope="col">Contact</th>}
            {lookups && <th scope="col">Event</th>}
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col">Date</th>
          </tr>
        </thead>
        <tbody>
          {gifts.map((gift) => (
            <tr key={gift.id}>
              <td>
                <Link to={`/gifts/${gift.id}`}>{gift.name}</Link>
              </td>
              <td>{DIRECTION_LABEL[gift.direction]}</td>
              <td>
                <span className={`badge badge--gift-${gift.status}`}>{STATUS_LABEL[gift.status]}</span>
              </td>
              {lookups && <td>{lookups.contactName(gift.contactId) ?? <span className="muted">—</span>}</td>}
              {lookups && <td>{lookups.eventName(gift.eventId) ?? <span className="muted">—</span>}</td>}
              <td className="num">
                <Amount money={gift.price} />
              </td>
              <td>{gift.date ? formatDate(gift.date) : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
