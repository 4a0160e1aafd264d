/** One contact: details, every gift given to and received from them (newest first), edit, delete. */
import { useState } from 'react';
import { asProblem, type ApiProblem } from '../../../shared/errors';
import { ProblemMessage } from '../../../shared/forms';
import { useResource } from '../../../shared/hooks';
import { Link, navigate } from '../../../shared/router';
import { Card, Loaded, PageTitle } from '../../../shared/ui';
import { GiftList } from '../../components/GiftList';
import { useLookups } from '../../components/lookups';
import { useTitle } from '../../components/useTitle';
import { type Contact, formatBirthday } from '../../model';
import { api } from '../../platform';
import { ContactForm } from './ContactForm';

function Details({ contact }: { contact: Contact }) {
  const rows: Array<[string, string | null]> = [
    ['Relationship', contact.relationship],
    ['Birthday', contact.birthday ? formatBirthday(contact.birthday) : null],
    ['Email', contact.email],
    ['Phone', contact.phone],
    ['Interests', contact.interests.join(', ') || null],
    [
      'Sizes',
      Object.entries(contact.sizes)
        .map(([k, v]) => `${k}: ${v}`)
        .join(' · ') || null,
    ],
    ['Notes', contact.notes],
  ];
  return (
    <dl className="details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value ?? <span className="muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

function DeleteContact({ contact }: { contact: Contact }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const remove = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await api.call((c) => c.DELETE('/contacts/{contactId}', { params: { path: { contactId: contact.id } } }));
      navigate('/contacts');
    } catch (error) {
      setProblem(asProblem(error));
      setBusy(false);
    }
  };
  if (!asking)
    return (
      <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
        Delete contact
      </button>
    );
  return (
    <div className="notice notice--warning" role="alert">
      <p>Delete {contact.name}? Their gifts stay in your list, no longer linked to anyone.</p>
      <ProblemMessage problem={problem} onRetry={() => void remove()} />
      <div className="form-actions">
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove()}>
          Yes, delete {contact.name}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
          Keep {contact.name}
        </button>
      </div>
    </div>
  );
}

export function ContactPage({ contactId }: { contactId: string }) {
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState(false);
  const contact = useResource(() => api.call((c) => c.GET('/contacts/{contactId}', { params: { path: { contactId } } })), [contactId, version]);
  const gifts = useResource(
    () => api.call((c) => c.GET('/contacts/{contactId}/gifts', { params: { path: { contactId }, query: { limit: 100 } } })),
    [contactId, version],
  );
  const lookups = useLookups([version]);
  useTitle(contact.data?.name ?? 'Contact');

  return (
    <Loaded resource={contact} label="Loading the contact…">
      {(c) => (
        <>
          <PageTitle
            actions={
              <>
                <Link className="button" to={`/gifts?contactId=${c.id}`}>
                  Add a gift for {c.name}
                </Link>
                {!editing && (
                  <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                    Edit contact
                  </button>
                )}
              </>
            }
          >
            {c.name}
          </PageTitle>
          <div className="grid grid--sidebar">
            <Card title="Gifts given and received" id="contact-gifts">
              <Loaded resource={gifts} label="Loading gifts…">
                {(page) => (
                  <GiftList gifts={page.items} caption={`Gifts with ${c.name}, newest first`} lookups={lookups.data} empty={`No gifts with ${c.name} yet.`} />
                )}
              </Loaded>
            </Card>
            <Card title="Details" id="contact-details">
              {editing ? (
                <ContactForm
                  contact={c}
                  onSaved={() => {
                    setEditing(false);
                    setVersion((v) => v + 1);
                  }}
                  onCancel={() => setEditing(false)}
                />
              ) : (
                <>
                  <Details contact={c} />
                  <DeleteContact contact={c} />
                </>
              )}
            </Card>
          </div>
        </>
      )}
    </Loaded>
  );
}
