/** Gifts over HTTP: CRUD, the status flow, filters as index Queries, the duplicate warning, ownership of links. */
import type { operations, Schema } from '@platform/api-client';
import { errorOf, expectData, expectError } from '../../../../test/support/http';
import { allPages, at, createContact, createEvent, createGift, dbCalls, type GiftBody, newPerson, type Person } from '../../../../test/support/gift-tracker';

type GiftFilter = NonNullable<operations['listGifts']['parameters']['query']>;

let alice: Person;
let bob: Person;

beforeAll(async () => {
  [alice, bob] = await Promise.all([newPerson(), newPerson()]);
});

describe('gifts CRUD', () => {
  it('creates a gift with every field and its links, in at most two calls, and reads it back', async () => {
    const contact = await createContact(alice);
    const event = await createEvent(alice, { budget: { amount: 10_000, currency: 'USD' } });
    const body: GiftBody = {
      name: 'Fountain pen',
      direction: 'given',
      status: 'planned',
      contactId: contact.id,
      eventId: event.id,
      price: { amount: 4_999, currency: 'USD' },
      url: 'https://shop.example.com/pen',
      store: 'Pen shop',
      notes: 'Blue ink',
      date: '2030-06-01',
    };
    const created = await alice.client.POST('/gifts', { body });
    const createdGift = expectData(created, 201);

    expect(createdGift).toMatchObject({ ...body, images: [], warnings: [], version: 1 });
    expect(dbCalls(created.response)).toBeLessThanOrEqual(2);
    const read = await alice.client.GET('/gifts/{giftId}', at({ giftId: createdGift.id }));
    const { warnings: _w, ...gift } = createdGift;
    expect(expectData(read, 200)).toEqual(gift);
    expect(dbCalls(read.response)).toBe(1);
  });

  it('starts a given gift as an idea and a received one as received', async () => {
    expect((await createGift(alice)).status).toBe('idea');
    expect((await createGift(alice, { direction: 'received' })).status).toBe('received');
  });

  // invalid bodies (they do not type-check against the request schema): sent with api()
  it.each([
    ['an unknown status', { status: 'lost' }, 'status'],
    ['a status of the other direction', { status: 'thanked' }, 'status'],
    ['an unknown direction', { direction: 'lent' }, 'direction'],
    ['a float price', { price: { amount: 12.5, currency: 'USD' } }, 'price.amount'],
    ['a price as a string', { price: { amount: '1250', currency: 'USD' } }, 'price.amount'],
    ['a price without currency', { price: { amount: 1250 } }, 'price.currency'],
    ['a malformed date', { date: '2030-6-1' }, 'date'],
    ['a url that is not one', { url: 'not a url' }, 'url'],
    ['a name of 100 KB', { name: 'n'.repeat(60_000) }, 'name'],
    ['a contactId that is a number', { contactId: 42 }, 'contactId'],
  ])('rejects %s with 400 naming the field', async (_, change, field) => {
    const reply = await alice.call('POST', '/gifts', { body: { name: 'Gift', direction: 'given', ...change } });

    expect(reply.status).toBe(400);
    expect(errorOf(reply).details).toContainEqual(expect.objectContaining({ field }));
  });

  it('refuses a body that is not JSON with 400, never 500', async () => {
    // a raw, malformed body: api() only
    const reply = await alice.call('POST', '/gifts', { rawBody: '{"name":', headers: { 'content-type': 'application/json' } });

    expect(reply.status).toBe(400);
  });

  it('moves status forward any number of steps or back one, and 409 otherwise', async () => {
    const gift = await createGift(alice);
    const path = at({ giftId: gift.id });
    const step = (status: Schema<'GiftReply'>['status']) => alice.client.PATCH('/gifts/{giftId}', { ...path, body: { status } });

    expect((await step('wrapped')).data?.status).toBe('wrapped');
    expect((await step('purchased')).data?.status).toBe('purchased');
    const tooFarBack = await step('idea');
    expect(tooFarBack.response.status).toBe(409);
    expect(tooFarBack.error?.error.code).toBe('INVALID_STATUS_TRANSITION');
    expect((await step('thanked')).response.status).toBe(400);
    const turned = expectData(await alice.client.PATCH('/gifts/{giftId}', { ...path, body: { direction: 'received' } }), 200);
    expect(turned).toMatchObject({ direction: 'received', status: 'received' });
  });

  it('patches and clears links, checks the version, and deletes without resurrecting', async () => {
    const contact = await createContact(alice);
    const gift = await createGift(alice, { contactId: contact.id, notes: 'n' });
    const path = at({ giftId: gift.id });
    const patched = expectData(
      await alice.client.PATCH('/gifts/{giftId}', { ...path, body: { contactId: null, notes: null, name: 'Renamed', version: 1 } }),
      200,
    );

    expect(patched).toMatchObject({ name: 'Renamed', contactId: null, notes: null, version: 2 });
    expect((await alice.client.PATCH('/gifts/{giftId}', { ...path, body: { name: 'x', version: 1 } })).response.status).toBe(409);
    expect((await alice.client.DELETE('/gifts/{giftId}', path)).response.status).toBe(204);
    expect((await alice.client.GET('/gifts/{giftId}', path)).response.status).toBe(404);
    expect((await alice.client.PATCH('/gifts/{giftId}', { ...path, body: { name: 'Back' } })).response.status).toBe(404);
    expect((await alice.client.DELETE('/gifts/{giftId}', path)).response.status).toBe(404);
  });
});

describe('POSSIBLE_DUPLICATE', () => {
  it('warns when the contact already got a gift of the same name, whatever its case and spacing', async () => {
    const contact = await createContact(alice);
    const first = await createGift(alice, { name: 'Chess set', contactId: contact.id });
    const again = await alice.client.POST('/gifts', { body: { name: '  CHESS   set ', direction: 'received', contactId: contact.id } });
    const second = expectData(again, 201);

    expect(second.warnings).toEqual([expect.objectContaining({ code: 'POSSIBLE_DUPLICATE', giftId: first.id })]);
    expect(dbCalls(again.response)).toBeLessThanOrEqual(2);
    const third = await createGift(alice, { name: 'chess set', contactId: contact.id });
    expect(third.warnings).toEqual([expect.objectContaining({ code: 'POSSIBLE_DUPLICATE', giftId: second.id })]);
  });

  it('does not warn for another contact, another name, or no contact', async () => {
    const [one, two] = [await createContact(alice), await createContact(alice)];
    await createGift(alice, { name: 'Mug', contactId: one.id });

    expect((await createGift(alice, { name: 'Mug', contactId: two.id })).warnings).toEqual([]);
    expect((await createGift(alice, { name: 'Mugs', contactId: one.id })).warnings).toEqual([]);
    expect((await createGift(alice, { name: 'Mug' })).warnings).toEqual([]);
  });
});

describe('GET /gifts', () => {
  let keeper: Person;
  let ids: Record<string, string>;
  let contactId: string;
  let eventId: string;

  beforeAll(async () => {
    keeper = await newPerson();
    contactId = (await createContact(keeper)).id;
    eventId = (await createEvent(keeper)).id;
    const make = async (label: string, body: Partial<GiftBody>) => [label, (await createGift(keeper, { name: label, ...body })).id] as const;
    ids = Object.fromEntries([
      await make('g1', { date: '2030-01-01', contactId, status: 'given' }),
      await make('g2', { date: '2030-05-01', contactId, eventId }),
      await make('r1', { date: '2030-03-01', direction: 'received', contactId, eventId }),
      await make('r2', { direction: 'received', status: 'thanked' }),
      await make('g3', { date: '2030-05-01', status: 'given', eventId }),
    ]);
  });

  const names = (items: Schema<'GiftReply'>[]) => items.map((g) => Object.keys(ids).find((k) => ids[k] === g.id));
  const list = (query: GiftFilter) => keeper.client.GET('/gifts', { params: { query } });

  it('lists every gift newest first (date, then creation; undated last) in one Query', async () => {
    const reply = await list({});

    expect(names(expectData(reply, 200).items)).toEqual(['g3', 'g2', 'r1', 'g1', 'r2']);
    expect(dbCalls(reply.response)).toBe(1);
  });

  it.each([
    [`contactId`, (): GiftFilter => ({ contactId }), ['g2', 'r1', 'g1']],
    [`eventId`, (): GiftFilter => ({ eventId }), ['g3', 'g2', 'r1']],
    ['status', (): GiftFilter => ({ status: 'given' }), ['g3', 'g1']],
    ['direction', (): GiftFilter => ({ direction: 'received' }), ['r1', 'r2']],
    ['contactId and direction', (): GiftFilter => ({ contactId, direction: 'given' }), ['g2', 'g1']],
    ['eventId and status', (): GiftFilter => ({ eventId, status: 'idea' }), ['g2']],
  ])('filters by %s', async (_, query, expected) => {
    const reply = await list(query());

    expect(names(expectData(reply, 200).items)).toEqual(expected);
    expect(dbCalls(reply.response)).toBe(1);
  });

  it('pages through every gift with the cursor, in order', async () => {
    const { items, pages } = await allPages((query) => keeper.client.GET('/gifts', { params: { query } }), 2);

    expect(names(items)).toEqual(['g3', 'g2', 'r1', 'g1', 'r2']);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  // One item a page: every cursor is followed, whether it continues as a key condition (gsi1, 5, 6) or as a start key (gsi3, 4).
  it.each([
    ['no filter', (): GiftFilter => ({}), ['g3', 'g2', 'r1', 'g1', 'r2']],
    ['contactId', (): GiftFilter => ({ contactId }), ['g2', 'r1', 'g1']],
    ['eventId and status', (): GiftFilter => ({ eventId, status: 'idea' }), ['g2']],
    ['status', (): GiftFilter => ({ status: 'given' }), ['g3', 'g1']],
    ['direction and status', (): GiftFilter => ({ direction: 'given', status: 'idea' }), ['g2']],
  ])('pages one gift at a time through %s, as the single page lists them', async (_, query, expected) => {
    const { items } = await allPages((page) => list({ ...query(), ...page }), 1);

    expect(names(items)).toEqual(expected);
  });

  it("refuses another list's cursor, or a changed one, with 400 INVALID_CURSOR", async () => {
    const cursor = expectData(await list({ limit: 1 }), 200).nextCursor as string;
    const changed = `${cursor.slice(0, -2)}${cursor.endsWith('AA') ? 'AB' : 'AA'}`;

    expect(expectData(await list({ limit: 1, cursor }), 200).items).toHaveLength(1);
    for (const reply of [await list({ status: 'given', limit: 1, cursor }), await list({ limit: 1, cursor: changed })]) {
      expect(expectError(reply, 400).code).toBe('INVALID_CURSOR');
    }
    const other = await newPerson();
    expect(expectError(await other.client.GET('/gifts', { params: { query: { limit: 1, cursor } } }), 400).code).toBe('INVALID_CURSOR');
  });

  it('refuses an unknown status filter or a malformed id with 400', async () => {
    // 'lost' is no status the query type allows: sent with api()
    expect((await keeper.call('GET', '/gifts?status=lost')).status).toBe(400);
    expect((await list({ contactId: '123' })).response.status).toBe(400);
  });
});

describe('ownership', () => {
  it("answers 404 to another user for each of a user's gifts", async () => {
    const gift = await createGift(alice, { name: 'Secret' });
    const path = at({ giftId: gift.id });

    expect((await bob.client.GET('/gifts/{giftId}', path)).response.status).toBe(404);
    expect((await bob.client.PATCH('/gifts/{giftId}', { ...path, body: { name: 'Mine' } })).response.status).toBe(404);
    expect((await bob.client.DELETE('/gifts/{giftId}', path)).response.status).toBe(404);
    expect((await bob.client.GET('/gifts')).data?.items.map((g) => g.id)).not.toContain(gift.id);
    expect((await alice.client.GET('/gifts/{giftId}', path)).data?.name).toBe('Secret');
  });

  it("refuses with 404 a link to another user's contact or event, on create and on patch", async () => {
    const contact = await createContact(alice);
    const event = await createEvent(alice);
    const own = await createGift(bob);
    const path = at({ giftId: own.id });

    expect((await bob.client.POST('/gifts', { body: { name: 'x', direction: 'given', contactId: contact.id } })).response.status).toBe(404);
    expect((await bob.client.POST('/gifts', { body: { name: 'x', direction: 'given', eventId: event.id } })).response.status).toBe(404);
    expect((await bob.client.PATCH('/gifts/{giftId}', { ...path, body: { contactId: contact.id } })).response.status).toBe(404);
    expect((await bob.client.PATCH('/gifts/{giftId}', { ...path, body: { eventId: event.id } })).response.status).toBe(404);
    expect((await bob.client.GET('/gifts', { params: { query: { contactId: contact.id } } })).data?.items).toEqual([]);
  });
});
