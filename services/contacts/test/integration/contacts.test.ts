/** Contacts over HTTP: CRUD, name-prefix search, pagination, ownership, and what deleting one does to its links. */
import { allPages, createContact, createEvent, createGift, dbCalls, expectStatus, newPerson, type Person } from '../../../../test/support/gift-tracker';

let alice: Person;
let bob: Person;

beforeAll(async () => {
  [alice, bob] = await Promise.all([newPerson(), newPerson()]);
});

describe('contacts CRUD', () => {
  it('creates a contact with every field, in one DynamoDB call, and reads it back', async () => {
    const body = {
      name: '  Grace Hopper ',
      relationship: 'friend',
      birthday: '1906-12-09',
      email: 'grace@example.com',
      phone: '+1 555 0100',
      notes: 'Likes compilers',
      interests: ['navy', 'cobol'],
      sizes: { shirt: 'M', shoe: '38' },
    };
    const created = expectStatus(await alice.call('POST', '/contacts', { body }), 201);

    expect(created.body).toMatchObject({ ...body, name: 'Grace Hopper', version: 1 });
    expect(created.body.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(created.body.createdAt).toBe(created.body.updatedAt);
    expect(dbCalls(created)).toBeLessThanOrEqual(2);

    const read = expectStatus(await alice.call('GET', `/contacts/${created.body.id}`), 200);
    expect(read.body).toEqual(created.body);
    expect(dbCalls(read)).toBe(1);
  });

  it('accepts a year-less birthday and answers absent optional fields as null or empty', async () => {
    const contact = await createContact(alice, { name: 'Leap Day', birthday: '--02-29' });

    expect(contact).toMatchObject({ birthday: '--02-29', relationship: null, email: null, interests: [], sizes: {} });
  });

  it.each([
    ['a missing name', {}, 'name'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a 201-character name', { name: 'x'.repeat(201) }, 'name'],
    ['30 February', { name: 'A', birthday: '2000-02-30' }, 'birthday'],
    ['a year-less 30 February', { name: 'A', birthday: '--02-30' }, 'birthday'],
    ['a birthday in another format', { name: 'A', birthday: '12/09/1906' }, 'birthday'],
    ['interests that are not a list', { name: 'A', interests: 'chess' }, 'interests'],
    ['51 interests', { name: 'A', interests: Array.from({ length: 51 }, (_, i) => `i${i}`) }, 'interests'],
    ['a size that is not text', { name: 'A', sizes: { shoe: 38 } }, 'sizes.shoe'],
    ['notes of 100 KB', { name: 'A', notes: 'n'.repeat(60_000) }, 'notes'],
    ['an unknown field', { name: 'A', nickname: 'Al' }, 'nickname'],
  ])('rejects %s with 400 naming the field', async (_, body, field) => {
    const reply = await alice.call('POST', '/contacts', { body });

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error.details).toContainEqual(expect.objectContaining({ field }));
  });

  it('patches fields, clears one with null, bumps the version, and refuses a stale version with 409', async () => {
    const contact = await createContact(alice, { name: 'Alan', relationship: 'colleague', email: 'alan@example.com' });
    const patched = expectStatus(await alice.call('PATCH', `/contacts/${contact.id}`, { body: { name: 'Alan Turing', email: null, version: 1 } }), 200);

    expect(patched.body).toMatchObject({ name: 'Alan Turing', relationship: 'colleague', email: null, version: 2 });
    expect(patched.body.updatedAt >= contact.updatedAt).toBe(true);

    const stale = await alice.call('PATCH', `/contacts/${contact.id}`, { body: { name: 'Stale', version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await alice.call('GET', `/contacts/${contact.id}`)).body.name).toBe('Alan Turing');
  });

  it('deletes a contact: 204, then 404 for GET, PATCH and DELETE (no resurrecting)', async () => {
    const contact = await createContact(alice, { name: 'Gone Soon' });

    expect((await alice.call('DELETE', `/contacts/${contact.id}`)).status).toBe(204);
    expect((await alice.call('GET', `/contacts/${contact.id}`)).status).toBe(404);
    expect((await alice.call('PATCH', `/contacts/${contact.id}`, { body: { name: 'Back' } })).status).toBe(404);
    expect((await alice.call('DELETE', `/contacts/${contact.id}`)).status).toBe(404);
  });

  it('answers 404 for an id that is not even a ULID', async () => {
    expect((await alice.call('GET', `/contacts/${'x'.repeat(2000)}`)).status).toBe(404);
  });
});

describe('GET /contacts', () => {
  let searcher: Person;

  beforeAll(async () => {
    searcher = await newPerson();
    for (const name of ['Émile Zola', 'bob marley', 'Bob Dylan', 'BOBBY Fischer', 'Alice Walker', 'Robert Smith', 'Carol King']) {
      await createContact(searcher, { name });
    }
  });

  it('finds names by case-insensitive prefix, in name order', async () => {
    const reply = expectStatus(await searcher.call('GET', '/contacts?q=BoB'), 200);

    expect(reply.body.items.map((c: any) => c.name)).toEqual(['Bob Dylan', 'bob marley', 'BOBBY Fischer']);
    expect(reply.body.nextCursor).toBeNull();
    expect(dbCalls(reply)).toBe(1);
  });

  it('matches a prefix that spans words, and keeps accents', async () => {
    expect((await searcher.call('GET', '/contacts?q=bob%20d')).body.items.map((c: any) => c.name)).toEqual(['Bob Dylan']);
    expect((await searcher.call('GET', '/contacts?q=%C3%A9mile')).body.items.map((c: any) => c.name)).toEqual(['Émile Zola']);
    expect((await searcher.call('GET', '/contacts?q=emile')).body.items).toEqual([]);
    expect((await searcher.call('GET', '/contacts?q=&limit=100')).body.items).toHaveLength(7);
  });

  it('pages through every contact with the opaque cursor, without repeats', async () => {
    const { items, pages } = await allPages(searcher, '/contacts', 2);

    expect(pages).toBeGreaterThanOrEqual(4);
    expect(items).toHaveLength(7);
    expect(new Set(items.map((c) => c.id)).size).toBe(7);
  });

  it('refuses a bad limit or cursor with 400', async () => {
    expect((await searcher.call('GET', '/contacts?limit=0')).status).toBe(400);
    expect((await searcher.call('GET', '/contacts?limit=101')).status).toBe(400);
    const bad = await searcher.call('GET', '/contacts?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('cursor');
  });

  it("refuses with 400 a cursor from another search or another user's list", async () => {
    const first = expectStatus(await searcher.call('GET', '/contacts?q=bob&limit=1'), 200);
    const cursor = encodeURIComponent(first.body.nextCursor);

    expect((await searcher.call('GET', `/contacts?q=bob&limit=1&cursor=${cursor}`)).status).toBe(200);
    expect((await searcher.call('GET', `/contacts?q=al&limit=1&cursor=${cursor}`)).status).toBe(400);
    expect((await bob.call('GET', `/contacts?q=bob&limit=1&cursor=${cursor}`)).body.error.code).toBe('INVALID_CURSOR');
  });

  it("never lists another user's contacts", async () => {
    const reply = await bob.call('GET', '/contacts?q=bob');

    expect(reply.body.items).toEqual([]);
  });
});

describe('ownership', () => {
  it("answers 404 to another user for each of a user's contacts, and changes nothing", async () => {
    const contact = await createContact(alice, { name: 'Private Person' });

    expect((await bob.call('GET', `/contacts/${contact.id}`)).status).toBe(404);
    expect((await bob.call('PATCH', `/contacts/${contact.id}`, { body: { name: 'Hijacked' } })).status).toBe(404);
    expect((await bob.call('DELETE', `/contacts/${contact.id}`)).status).toBe(404);
    expect((await bob.call('GET', `/contacts/${contact.id}/gifts`)).status).toBe(404);
    expect((await alice.call('GET', `/contacts/${contact.id}`)).body.name).toBe('Private Person');
  });

  it('is private even from an admin: staff keep their own contacts only', async () => {
    const contact = await createContact(alice, { name: 'Not for staff' });
    const { api } = await import('../../../../test/support/http');
    const { loginAdmin } = await import('../../../../test/support/users');
    const admin = await loginAdmin();

    expect((await api('GET', `/contacts/${contact.id}`, { token: admin.accessToken })).status).toBe(404);
    expect((await api('GET', '/contacts?q=not%20for', { token: admin.accessToken })).body.items).toEqual([]);
  });

  it('serves a Gift Tracker user signed in with Cognito', async () => {
    const { api } = await import('../../../../test/support/http');
    const { cognitoToken } = await import('../../../../test/support/users');
    const token = await cognitoToken();
    const created = expectStatus(await api('POST', '/contacts', { token, body: { name: 'Via Cognito' } }), 201);

    expect((await api('GET', `/contacts/${created.body.id}`, { token })).body.name).toBe('Via Cognito');
    expect((await alice.call('GET', `/contacts/${created.body.id}`)).status).toBe(404);
  });

  it('needs a token', async () => {
    const { api } = await import('../../../../test/support/http');
    expect((await api('GET', '/contacts')).status).toBe(401);
  });
});

describe('GET /contacts/{id}/gifts', () => {
  it('lists given and received gifts newest first: by date, then by creation, undated last', async () => {
    const contact = await createContact(alice, { name: 'Gift Friend' });
    const old = await createGift(alice, { name: 'Old', contactId: contact.id, date: '2024-12-25' });
    const recentA = await createGift(alice, { name: 'Recent A', contactId: contact.id, date: '2025-12-25' });
    const recentB = await createGift(alice, { name: 'Recent B', direction: 'received', contactId: contact.id, date: '2025-12-25' });
    const undated = await createGift(alice, { name: 'Someday', contactId: contact.id });
    await createGift(alice, { name: 'Not theirs', date: '2026-01-01' });

    const reply = expectStatus(await alice.call('GET', `/contacts/${contact.id}/gifts`), 200);

    expect(reply.body.items.map((g: any) => g.id)).toEqual([recentB.id, recentA.id, old.id, undated.id]);
    expect(dbCalls(reply)).toBeLessThanOrEqual(2);
    const paged = await allPages(alice, `/contacts/${contact.id}/gifts`, 3);
    expect(paged.items.map((g) => g.id)).toEqual([recentB.id, recentA.id, old.id, undated.id]);
  });

  it('deleting the contact leaves its gifts with contactId cleared and takes it out of events', async () => {
    const contact = await createContact(alice, { name: 'Leaving' });
    const other = await createContact(alice, { name: 'Staying' });
    const gift = await createGift(alice, { name: 'Scarf', contactId: contact.id });
    const event = await createEvent(alice, { contactIds: [contact.id, other.id] });

    expect((await alice.call('DELETE', `/contacts/${contact.id}`)).status).toBe(204);

    const after = expectStatus(await alice.call('GET', `/gifts/${gift.id}`), 200).body;
    expect(after).toMatchObject({ name: 'Scarf', contactId: null });
    expect(after.version).toBe(gift.version + 1);
    expect((await alice.call('GET', `/events/${event.id}`)).body.contactIds).toEqual([other.id]);
    expect((await alice.call('GET', `/gifts?contactId=${contact.id}`)).body.items).toEqual([]);
  });
});
