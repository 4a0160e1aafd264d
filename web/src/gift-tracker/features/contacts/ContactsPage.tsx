/** Contacts: search by name prefix, each with birthday, relationship, interests and sizes; add one. */
import { useState } from 'react';
import { useResource } from '../../../shared/hooks';
import { Link, navigate } from '../../../shared/router';
import { Card, EmptyState, Loaded, PageTitle, TableWrap } from '../../../shared/ui';
import { ProblemMessage, TextField } from '../../../shared/forms';
import { useTitle } from '../../components/useTitle';
import { type Contact, formatBirthday } from '../../model';
import { api } from '../../platform';
import { ContactForm } from './ContactForm';
import { asProblem, type ApiProblem } from '../../../shared/errors';

function ContactTable({ contacts }: { contacts: Contact[] }) {
  return (
    <TableWrap label="Contacts">
      <table>
        <caption>Your contacts, by name</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Relationship</th>
            <th scope="col">Birthday</th>
            <th scope="col">Interests</th>
            <th scope="col">Sizes</th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/contacts/${c.id}`}>{c.name}</Link>
              </td>
              <td>{c.relationship ?? <span className="muted">—</span>}</td>
              <td>{c.birthday ? formatBirthday(c.birthday) : <span className="muted">—</span>}</td>
              <td>{c.interests.length ? c.interests.join(', ') : <span className="muted">—</span>}</td>
              <td>
                {Object.keys(c.sizes).length ? (
                  Object.entries(c.sizes)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(' · ')
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function ContactsPage() {
  useTitle('Contacts');
  const [query, setQuery] = useState('');
  const [more, setMore] = useState<{ items: Contact[]; cursor: string | null; problem?: ApiProblem }>({ items: [], cursor: null });
  const first = useResource(async () => {
    const page = await api.call((c) => c.GET('/contacts', { params: { query: { q: query.trim() || undefined, limit: 50 } } }));
    setMore({ items: [], cursor: page.nextCursor });
    return page;
  }, [query]);

  const loadMore = async () => {
    const cursor = more.cursor;
    if (!cursor) return;
    try {
      const page = await api.call((c) => c.GET('/contacts', { params: { query: { q: query.trim() || undefined, limit: 50, cursor } } }));
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor }));
    } catch (error) {
      setMore((m) => ({ ...m, problem: asProblem(error) }));
    }
  };

  return (
    <>
      <PageTitle>Contacts</PageTitle>
      <div className="grid grid--sidebar">
        <Card>
          <search>
            <TextField
              label="Search by name"
              type="search"
              name="q"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              hint="The start of a name: “ma” finds Maria and Mark."
            />
          </search>
          <Loaded resource={first} label="Loading contacts…">
            {(page) =>
              page.items.length === 0 ? (
                <EmptyState>{query.trim() ? `No contact’s name starts with “${query.trim()}”.` : 'No contacts yet: add the first one.'}</EmptyState>
              ) : (
                <>
                  <ContactTable contacts={[...page.items, ...more.items]} />
                  <ProblemMessage problem={more.problem} onRetry={() => void loadMore()} />
                  {more.cursor && (
                    <button type="button" className="button button--secondary" onClick={() => void loadMore()}>
                      Show more contacts
                    </button>
                  )}
                </>
              )
            }
          </Loaded>
        </Card>
        <Card title="Add a contact" id="add-contact">
          <ContactForm onSaved={(saved) => navigate(`/contacts/${saved.id}`)} />
        </Card>
      </div>
    </>
  );
}
