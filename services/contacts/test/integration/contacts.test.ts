/** Contacts over HTTP: CRUD, name-prefix search, pagination, ownership, and what deleting one does to its links. */
import { client, errorOf, expectData } from '../../../../test/support/http';
import { allPages, at, createContact, createEvent, createGift, dbCalls, newPerson, type Person } from '../../../../test/support/gift-tracker';

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
    const created = await alice.client.POST('/contacts', { body });
    const contact = expectData(created, 201);

    expect(contact).toMatchObject({ ...body, name: 'Grace Hopper', version: 1 });
    expect(contact.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(contact.createdAt).toBe(contact.updatedAt);
    expect(dbCalls(created.response)).toBeLessThanOrEqual(2);

    const read = await alice.client.GET('/contacts/{contactId}', at({ contactId: contact.id }));
    expect(expectData(read, 200)).toEqual(contact);
    expect(dbCalls(read.response)).toBe(1);
  });

  it('accepts a year-less birthday and answers absent optional fields as null or empty', async () => {
    const contact = await createContact(alice, { name: 'Leap Day', birthday: '--02-29' });

    expect(contact).toMatchObject({ birthday: '--02-29', relationship: null, email: null, interests: [], sizes: {} });
  });

  // invalid bodies (several do not type-check against the request schema): sent with api()
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
    expect(errorOf(reply).code).toBe('VALIDATION_FAILED');
    expect(errorOf(reply).details).toContainEqual(expect.objectContaining({ field }));
  });

  it('patches fields, clears one with null, bumps the version, and refuses a stale version with 409', async () => {
    const contact = await createContact(alice, { name: 'Alan', relationship: 'colleague', email: 'alan@example.com' });
    const path = at({ contactId: contact.id });
    const patched = expectData(await alice.client.PATCH('/contacts/{contactId}', { ...path, body: { name: 'Alan Turing', email: null, version: 1 } }), 200);

    expect(patched).toMatchObject({ name: 'Alan Turing', relationship: 'colleague', email: null, version: 2 });
    expect(patched.updatedAt >= contact.updatedAt).toBe(true);

    const stale = await alice.client.PATCH('/contacts/{contactId}', { ...path, body: { name: 'Stale', version: 1 } });
    expect(stale.response.status).toBe(409);
    expect(stale.error?.error.code).toBe('VERSION_CONFLICT');
    expect((await alice.client.GET('/contacts/{contactId}', path)).data?.name).toBe('Alan Turing');
  });

  it('deletes a contact: 204, then 404 for GET, PATCH and DELETE (no resurrecting)', async () => {
    const contact = await createContact(alice, { name: 'Gone Soon' });
    const path = at({ contactId: contact.id });

    expect((await alice.client.DELETE('/contacts/{contactId}', path)).response.status).toBe(204);
    expect((await alice.client.GET('/contacts/{contactId}', path)).response.status).toBe(404);
    expect((await alice.client.PATCH('/contacts/{contactId}', { ...path, body: { name: 'Back' } })).response.status).toBe(404);
    expect((await alice.client.DELETE('/contacts/{contactId}', path)).response.status).toBe(404);
  });

  it('answers 404 for an id that is not even a ULID', async () => {
    expect((await alice.client.GET('/contacts/{contactId}', at({ contactId: 'x'.repeat(2000) }))).response.status).toBe(404);
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

  const search = (person: Person, query: { q?: string; limit?: number; cursor?: string }) => person.client.GET('/contacts', { params: { query } });

  it('finds names by case-insensitive prefix, in name order', async () => {
    const reply = await search(searcher, { q: 'BoB' });
    const page = expectData(reply, 200);

    expect(page.items.map((c) => c.name)).toEqual(['Bob Dylan', 'bob marley', 'BOBBY Fischer']);
    expect(page.nextCursor).toBeNull();
    expect(dbCalls(reply.response)).toBe(1);
  });

  it('matches a prefix that spans words, and keeps accents', async () => {
    expect((await search(searcher, { q: 'bob d' })).data?.items.map((c) => c.name)).toEqual(['Bob Dylan']);
    expect((await search(searcher, { q: 'émile' })).data?.items.map((c) => c.name)).toEqual(['Émile Zola']);
    expect((await search(searcher, { q: 'emile' })).data?.items).toEqual([]);
    expect((await search(searcher, { q: '', limit: 100 })).data?.items).toHaveLength(7);
  });

  it('pages through every contact with the opaque cursor, without repeats', async () => {
    const { items, pages } = await allPages((query) => searcher.client.GET('/contacts', { params: { query } }), 2);

    expect(pages).toBeGreaterThanOrEqual(4);
    expect(items).toHaveLength(7);
    expect(new Set(items.map((c) => c.id)).size).toBe(7);
  });

  it('refuses a bad limit or cursor with 400', async () => {
    expect((await search(searcher, { limit: 0 })).response.status).toBe(400);
    expect((await search(searcher, { limit: 101 })).response.status).toBe(400);
    const bad = await search(searcher, { cursor: 'not-a-cursor' });
    expect(bad.response.status).toBe(400);
    expect(bad.error?.error.details?.[0].field).toBe('cursor');
  });

  it("refuses with 400 a cursor from another search or another user's list", async () => {
    const cursor = expectData(await search(searcher, { q: 'bob', limit: 1 }), 200).nextCursor;
    if (cursor === null) throw new Error('expected a next page of "bob" contacts');

    expect((await search(searcher, { q: 'bob', limit: 1, cursor })).response.status).toBe(200);
    expect((await search(searcher, { q: 'al', limit: 1, cursor })).response.status).toBe(400);
    expect((await search(bob, { q: 'bob', limit: 1, cursor })).error?.error.code).toBe('INVALID_CURSOR');
  });

  it("never lists another user's contacts", async () => {
    const reply = await search(bob, { q: 'bob' });

    expect(reply.data?.items).toEqual([]);
  });
});

describe('ownership', () => {
  it("answers 404 to another user for each of a user's contacts, and changes nothing", async () => {
    const contact = await createContact(alice, { name: 'Private Person' });
    const path = at({ contactId: contact.id });

    expect((await bob.client.GET('/contacts/{contactId}', path)).response.status).toBe(404);
    expect((await bob.client.PATCH('/contacts/{contactId}', { ...path, body: { name: 'Hijacked' } })).response.status).toBe(404);
    expect((await bob.client.DELETE('/contacts/{contactId}', path)).response.status).toBe(404);
    expect((await bob.client.GET('/contacts/{contactId}/gifts', path)).response.status).toBe(404);
    expect((await alice.client.GET('/contacts/{contactId}', path)).data?.name).toBe('Private Person');
  });

  it('is private even from an admin: staff keep their own contacts only', async () => {
    const contact = await createContact(alice, { name: 'Not for staff' });
    const { loginAdmin } = await import('../../../../test/support/users');
    const admin = client((await loginAdmin()).accessToken);

    expect((await admin.GET('/contacts/{contactId}', at({ contactId: contact.id }))).response.status).toBe(404);
    expect((await admin.GET('/contacts', { params: { query: { q: 'not for' } } })).data?.items).toEqual([]);
  });

  it('serves a Gift Tracker user signed in with Cognito', async () => {
    const { cognitoToken } = await import('../../../../test/support/users');
    const viaCognito = client(await cognitoToken());
    const created = expectData(await viaCognito.POST('/contacts', { body: { name: 'Via Cognito' } }), 201);
    const path = at({ contactId: created.id });

    expect((await viaCognito.GET('/contacts/{contactId}', path)).data?.name).toBe('Via Cognito');
    expect((await alice.client.GET('/contacts/{contactId}', path)).response.status).toBe(404);
  });

  it('needs a token', async () => {
    expect((await client().GET('/contacts')).response.status).toBe(401);
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

    const reply = await alice.client.GET('/contacts/{contactId}/gifts', at({ contactId: contact.id }));

    expect(expectData(reply, 200).items.map((g) => g.id)).toEqual([recentB.id, recentA.id, old.id, undated.id]);
    expect(dbCalls(reply.response)).toBeLessThanOrEqual(2);
    const paged = await allPages((query) => alice.client.GET('/contacts/{contactId}/gifts', { params: { path: { contactId: contact.id }, query } }), 3);
    expect(paged.items.map((g) => g.id)).toEqual([recentB.id, recentA.id, old.id, undated.id]);
  });

  it('deleting the contact leaves its gifts with contactId cleared and takes it out of events', async () => {
    const contact = await createContact(alice, { name: 'Leaving' });
    const other = await createContact(alice, { name: 'Staying' });
    const gift = await createGift(alice, { name: 'Scarf', contactId: contact.id });
    const event = await createEvent(alice, { contactIds: [contact.id, other.id] });

    expect((await alice.client.DELETE('/contacts/{contactId}', at({ contactId: contact.id }))).response.status).toBe(204);

    const after = expectData(await alice.client.GET('/gifts/{giftId}', at({ giftId: gift.id })), 200);
    expect(after).toMatchObject({ name: 'Scarf', contactId: null });
    expect(after.version).toBe(gift.version + 1);
    expect((await alice.client.GET('/events/{eventId}', at({ eventId: event.id }))).data?.contactIds).toEqual([other.id]);
    expect((await alice.client.GET('/gifts', { params: { query: { contactId: contact.id } } })).data?.items).toEqual([]);
  });
});
