/** A new event: name, type, date, once or every year, the contacts it is for, a budget. */
import { type FormEvent, useCallback, useState } from 'react';
import { ProblemMessage, SelectField, TextField } from '../../../shared/forms';
import { useSubmission } from '../../../shared/hooks';
import { type MoneyText, MoneyFields, readMoney } from '../../components/MoneyFields';
import { EVENT_TYPES, type Contact, type EventType, type GiftEvent } from '../../model';
import { api } from '../../platform';

const FIELDS = ['name', 'type', 'date', 'recurring', 'contactIds', 'budget'];

export function EventForm({ contacts, onSaved }: { contacts: Contact[]; onSaved: (saved: GiftEvent) => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<EventType>('birthday');
  const [date, setDate] = useState('');
  const [recurring, setRecurring] = useState<'none' | 'yearly'>('none');
  const [contactIds, setContactIds] = useState<string[]>([]);
  const [budget, setBudget] = useState<MoneyText>({ amount: '', currency: 'USD' });
  const [budgetError, setBudgetError] = useState<string>();

  const send = useCallback(async () => {
    const { money } = readMoney(budget);
    return api.call((c) => c.POST('/events', { body: { name, type, date, recurring, contactIds, ...(money ? { budget: money } : {}) } }));
  }, [name, type, date, recurring, contactIds, budget]);
  const submission = useSubmission(send, onSaved);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { error } = readMoney(budget);
    setBudgetError(error);
    if (!error) void submission.submit();
  };
  const p = submission.problem;
  const toggle = (id: string, on: boolean) => setContactIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  return (
    <form onSubmit={onSubmit} noValidate>
      <TextField label="Event name" name="name" value={name} onChange={(e) => setName(e.target.value)} field="name" problem={p} required />
      <div className="form-row">
        <SelectField label="Type" name="type" value={type} onChange={(e) => setType(e.target.value as EventType)} field="type" problem={p}>
          {EVENT_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </SelectField>
        <TextField label="Date" type="date" name="date" value={date} onChange={(e) => setDate(e.target.value)} field="date" problem={p} required />
        <SelectField
          label="Repeats"
          name="recurring"
          value={recurring}
          onChange={(e) => setRecurring(e.target.value as 'none' | 'yearly')}
          field="recurring"
          problem={p}
        >
          <option value="none">Once</option>
          <option value="yearly">Every year</option>
        </SelectField>
      </div>
      {contacts.length > 0 && (
        <fieldset className="roles">
          <legend>For whom</legend>
          {contacts.map((c) => (
            <label key={c.id} className="check check--plain">
              <input type="checkbox" checked={contactIds.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
              {c.name}
            </label>
          ))}
        </fieldset>
      )}
      <MoneyFields label="Budget" field="budget" value={budget} onChange={setBudget} problem={p} error={budgetError} />
      <ProblemMessage problem={p} onRetry={submission.submit} shownFields={FIELDS} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={submission.busy}>
          Add event
        </button>
      </div>
    </form>
  );
}
