/**
 * A new gift: what, which way, its status, for or from whom, for which event, price, where and
 * when. The reply may warn of a possible duplicate (the contact already has a gift of that name):
 * the form says so, with a link to the earlier gift.
 */
import { type FormEvent, useCallback, useState } from 'react';
import { ProblemMessage, SelectField, TextAreaField, TextField } from '../../../shared/forms';
import { useSubmission } from '../../../shared/hooks';
import { Link } from '../../../shared/router';
import type { Lookups } from '../../components/lookups';
import { type MoneyText, MoneyFields, readMoney } from '../../components/MoneyFields';
import { type Direction, type Gift, type GiftStatus, STATUS_FLOW, STATUS_LABEL } from '../../model';
import { api } from '../../platform';

const FIELDS = ['name', 'direction', 'status', 'contactId', 'eventId', 'price', 'store', 'url', 'date', 'notes'];

type Created = Gift & { warnings: Array<{ code: string; giftId: string; message: string }> };

export function GiftForm({
  lookups,
  contactId: initialContact,
  eventId: initialEvent,
  onSaved,
}: {
  lookups: Lookups;
  contactId?: string;
  eventId?: string;
  onSaved: () => void;
}) {
  const [name, setName] = useState('');
  const [direction, setDirection] = useState<Direction>('given');
  const [status, setStatus] = useState<GiftStatus>('idea');
  const [contactId, setContactId] = useState(initialContact ?? '');
  const [eventId, setEventId] = useState(initialEvent ?? '');
  // A gift for an event is priced in the event's currency (its budget's): the summary adds them up.
  const currencyOf = (id: string) => lookups.events.find((ev) => ev.id === id)?.budget?.currency;
  const [price, setPrice] = useState<MoneyText>({ amount: '', currency: currencyOf(initialEvent ?? '') ?? 'USD' });
  const [store, setStore] = useState('');
  const [url, setUrl] = useState('');
  const [date, setDate] = useState('');
  const [notes, setNotes] = useState('');
  const [priceError, setPriceError] = useState<string>();

  const send = useCallback(async (): Promise<Created> => {
    const { money } = readMoney(price);
    const optional = (text: string) => text.trim() || null;
    return api.call((c) =>
      c.POST('/gifts', {
        body: {
          name,
          direction,
          status,
          contactId: contactId || null,
          eventId: eventId || null,
          price: money,
          store: optional(store),
          url: optional(url),
          date: date || null,
          notes: optional(notes),
        },
      }),
    );
  }, [name, direction, status, contactId, eventId, price, store, url, date, notes]);
  const done = useCallback(() => {
    setName('');
    setPrice((p) => ({ ...p, amount: '' }));
    setStore('');
    setUrl('');
    setNotes('');
    onSaved();
  }, [onSaved]);
  const submission = useSubmission(send, done);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { error } = readMoney(price);
    setPriceError(error);
    if (!error) void submission.submit();
  };
  const p = submission.problem;
  const created = submission.result;
  const duplicate = created?.warnings.find((w) => w.code === 'POSSIBLE_DUPLICATE');

  return (
    <form onSubmit={onSubmit} noValidate>
      {created && (
        <div className="notice notice--success" role="status">
          <p>
            <Link to={`/gifts/${created.id}`}>{created.name}</Link> was added.
          </p>
        </div>
      )}
      {duplicate && created && (
        <div className="notice notice--warning" role="alert">
          <p>
            Possible duplicate: {lookups.contactName(created.contactId) ?? 'this contact'} already has a gift called “{created.name}”.{' '}
            <Link to={`/gifts/${duplicate.giftId}`}>See the earlier gift</Link>
          </p>
        </div>
      )}
      <TextField label="Gift" name="name" value={name} onChange={(e) => setName(e.target.value)} field="name" problem={p} required />
      <div className="form-row">
        <SelectField
          label="Direction"
          name="direction"
          value={direction}
          onChange={(e) => {
            const next = e.target.value as Direction;
            setDirection(next);
            setStatus(STATUS_FLOW[next][0]);
          }}
          field="direction"
          problem={p}
        >
          <option value="given">I give it</option>
          <option value="received">I received it</option>
        </SelectField>
        <SelectField label="Status" name="status" value={status} onChange={(e) => setStatus(e.target.value as GiftStatus)} field="status" problem={p}>
          {STATUS_FLOW[direction].map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-row">
        <SelectField
          label={direction === 'given' ? 'For' : 'From'}
          name="contactId"
          value={contactId}
          onChange={(e) => setContactId(e.target.value)}
          field="contactId"
          problem={p}
        >
          <option value="">Nobody in particular</option>
          {lookups.contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Event"
          name="eventId"
          value={eventId}
          onChange={(e) => {
            setEventId(e.target.value);
            const currency = currencyOf(e.target.value);
            if (currency) setPrice((current) => ({ ...current, currency }));
          }}
          field="eventId"
          problem={p}
        >
          <option value="">No event</option>
          {lookups.events.map((ev) => (
            <option key={ev.id} value={ev.id}>
              {ev.name}
            </option>
          ))}
        </SelectField>
      </div>
      <MoneyFields label="Price" field="price" value={price} onChange={setPrice} problem={p} error={priceError} />
      <div className="form-row">
        <TextField label="Store" name="store" value={store} onChange={(e) => setStore(e.target.value)} field="store" problem={p} />
        <TextField label="Date" type="date" name="date" value={date} onChange={(e) => setDate(e.target.value)} field="date" problem={p} />
      </div>
      <TextField
        label="Link"
        type="url"
        name="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        field="url"
        problem={p}
        hint="Where to buy it (https://…)"
      />
      <TextAreaField label="Notes" name="notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} field="notes" problem={p} />
      <ProblemMessage problem={p} onRetry={submission.submit} shownFields={FIELDS} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={submission.busy}>
          Add gift
        </button>
      </div>
    </form>
  );
}
