/** A contact's fields, to add one or to change one (PATCH with its version). */
import { type FormEvent, useCallback, useState } from 'react';
import { ProblemMessage, TextAreaField, TextField } from '../../../shared/forms';
import { useSubmission } from '../../../shared/hooks';
import { type Contact, parseSizes, splitList } from '../../model';
import { api } from '../../platform';

const FIELDS = ['name', 'relationship', 'birthday', 'email', 'phone', 'interests', 'sizes', 'notes'];

export function ContactForm({ contact, onSaved, onCancel }: { contact?: Contact; onSaved: (saved: Contact) => void; onCancel?: () => void }) {
  const yearless = contact?.birthday?.startsWith('--') ?? false;
  const [name, setName] = useState(contact?.name ?? '');
  const [relationship, setRelationship] = useState(contact?.relationship ?? '');
  const [birthday, setBirthday] = useState(contact?.birthday ? (yearless ? `2000${contact.birthday.slice(1)}` : contact.birthday) : '');
  const [noYear, setNoYear] = useState(yearless);
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [interests, setInterests] = useState((contact?.interests ?? []).join(', '));
  const [sizes, setSizes] = useState(
    Object.entries(contact?.sizes ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
  );
  const [notes, setNotes] = useState(contact?.notes ?? '');
  const [sizesError, setSizesError] = useState<string>();

  const send = useCallback(async () => {
    const parsed = parseSizes(sizes);
    const body = {
      name,
      relationship: relationship.trim() || null,
      birthday: birthday ? (noYear ? `-${birthday.slice(4)}` : birthday) : null,
      email: email.trim() || null,
      phone: phone.trim() || null,
      interests: splitList(interests),
      sizes: parsed.sizes,
      notes: notes.trim() || null,
    };
    if (contact) {
      return api.call((c) => c.PATCH('/contacts/{contactId}', { params: { path: { contactId: contact.id } }, body: { ...body, version: contact.version } }));
    }
    return api.call((c) => c.POST('/contacts', { body }));
  }, [contact, name, relationship, birthday, noYear, email, phone, interests, sizes, notes]);
  const submission = useSubmission(send, onSaved);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { bad } = parseSizes(sizes);
    setSizesError(bad ? `Write each size as “what: size”, one per line (“${bad}” has no size).` : undefined);
    if (!bad) void submission.submit();
  };
  const p = submission.problem;

  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="form-row">
        <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} field="name" problem={p} required />
        <TextField
          label="Relationship"
          name="relationship"
          value={relationship}
          onChange={(e) => setRelationship(e.target.value)}
          field="relationship"
          problem={p}
          hint="Friend, sister, colleague…"
        />
      </div>
      <div className="form-row">
        <TextField label="Birthday" type="date" name="birthday" value={birthday} onChange={(e) => setBirthday(e.target.value)} field="birthday" problem={p} />
        <div className="field field--check">
          <label className="check check--plain">
            <input type="checkbox" checked={noYear} onChange={(e) => setNoYear(e.target.checked)} />I don’t know the year they were born
          </label>
        </div>
      </div>
      <div className="form-row">
        <TextField label="Email" type="email" name="email" value={email} onChange={(e) => setEmail(e.target.value)} field="email" problem={p} />
        <TextField label="Phone" type="tel" name="phone" value={phone} onChange={(e) => setPhone(e.target.value)} field="phone" problem={p} />
      </div>
      <TextField
        label="Interests"
        name="interests"
        value={interests}
        onChange={(e) => setInterests(e.target.value)}
        field="interests"
        problem={p}
        hint="Separated by commas: gardening, jazz, tea"
      />
      <TextAreaField
        label="Sizes"
        name="sizes"
        rows={3}
        value={sizes}
        onChange={(e) => setSizes(e.target.value)}
        field="sizes"
        problem={p}
        error={sizesError}
        hint="One per line: shirt: M"
      />
      <TextAreaField label="Notes" name="notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} field="notes" problem={p} />
      <ProblemMessage problem={p} onRetry={submission.submit} shownFields={FIELDS} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={submission.busy}>
          {contact ? 'Save contact' : 'Add contact'}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
