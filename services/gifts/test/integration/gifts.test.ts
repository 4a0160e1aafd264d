/** Gifts over HTTP: CRUD, the status flow, filters as index Queries, the duplicate warning, ownership of links. */
import { allPages, createContact, createEvent, createGift, dbCalls, expectStatus, newPerson, type Person } from '../../../../test/support/gift-tracker';

let alice: Person;
let bob: Person;

beforeAll(async () => {
  [alice, bob] = await Promise.all([newPerson(), newPerson()]);
});

describe('gifts CRUD', () => {
  it('creates a gift with every field and its links, in at most two calls, and reads it back', async () => {
    const contact = await createContact(alice);
    const event = await createEvent(alice, { budget: { amount: 10_000, currency: 'USD' } });
    const body = {
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
    const created = expectStatus(await alice.call('POST', '/gifts', { body }), 201);

    expect(created.body).toMatchObject({ ...body, images: [], warnings: [], version: 1 });
    expect(dbCalls(created)).toBeLessThanOrEqual(2);
    const read = expectStatus(await alice.call('GET', `/gifts/${created.body.id}`), 200);
    const { warnings: _w, ...gift } = created.body;
    expect(read.body).toEqual(gift);
    expect(dbCalls(read)).toBe(1);
  });

  it('starts a given gift as an idea and a received one as received', async () => {
    expect((await createGift(alice)).status).toBe('idea');
    expect((await createGift(alice, { direction: 'received' })).status).toBe('received');
  });

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
    expect(reply.body.error.details).toContainEqual(expect.objectContaining({ field }));
  });

  it('refuses a body that is not JSON with 400, never 500', async () => {
    const reply = await alice.call('POST', '/gifts', { rawBody: '{"name":', headers: { 'content-type': 'application/json' } });

    expect(reply.status).toBe(400);
  });

  it('moves status forward any number of steps or back one, and 409 otherwise', async () => {
    const gift = await createGift(alice);
    const step = (status: string) => alice.call('PATCH', `/gifts/${gift.id}`, { body: { status } });

    expect((await step('wrapped')).body.status).toBe('wrapped');
    expect((await step('purchased')).body.status).toBe('purchased');
    const tooFarBack = await step('idea');
    expect(tooFarBack.status).toBe(409);
    expect(tooFarBack.body.error.code).toBe('INVALID_STATUS_TRANSITION');
    expect((await step('thanked')).status).toBe(400);
    const turned = expectStatus(await alice.call('PATCH', `/gifts/${gift.id}`, { body: { direction: 'received' } }), 200);
    expect(turned.body).toMatchObject({ direction: 'received', status: 'received' });
  });

  it('patches and clears links, checks the version, and deletes without resurrecting', async () => {
    const contact = await createContact(alice);
    const gift = await createGift(alice, { contactId: contact.id, notes: 'n' });
    const patched = expectStatus(await alice.call('PATCH', `/gifts/${gift.id}`, { body: { contactId: null, notes: null, name: 'Renamed', version: 1 } }), 200);

    expect(patched.body).toMatchObject({ name: 'Renamed', contactId: null, notes: null, version: 2 });
    expect((await alice.call('PATCH', `/gifts/${gift.id}`, { body: { name: 'x', version: 1 } })).status).toBe(409);
    expect((await alice.call('DELETE', `/gifts/${gift.id}`)).status).toBe(204);
    expect((await alice.call('GET', `/gifts/${gift.id}`)).status).toBe(404);
    expect((await alice.call('PATCH', `/gifts/${gift.id}`, { body: { name: 'Back' } })).status).toBe(404);
    expect((await alice.call('DELETE', `/gifts/${gift.id}`)).status).toBe(404);
  });
});

describe('POSSIBLE_DUPLICATE', () => {
  it('warns when the contact already got a gift of the same name, whatever its case and spacing', async () => {
    const contact = await createContact(alice);
    const first = await createGift(alice, { name: 'Chess set', contactId: contact.id });
    const again = expectStatus(await alice.call('POST', '/gifts', { body: { name: '  CHESS   set ', direction: 'received', contactId: contact.id } }), 201);

    expect(again.body.warnings).toEqual([expect.objectContaining({ code: 'POSSIBLE_DUPLICATE', giftId: first.id })]);
    expect(dbCalls(again)).toBeLessThanOrEqual(2);
    const third = await createGift(alice, { name: 'chess set', contactId: contact.id });
    expect(third.warnings).toEqual([expect.objectContaining({ code: 'POSSIBLE_DUPLICATE', giftId: again.body.id })]);
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
    const make = async (label: string, body: Record<string, unknown>) => [label, (await createGift(keeper, { name: label, ...body })).id] as const;
    ids = Object.fromEntries([
      await make('g1', { date: '2030-01-01', contactId, status: 'given' }),
      await make('g2', { date: '2030-05-01', contactId, eventId }),
      await make('r1', { date: '2030-03-01', direction: 'received', contactId, eventId }),
      await make('r2', { direction: 'received', status: 'thanked' }),
      await make('g3', { date: '2030-05-01', status: 'given', eventId }),
    ]);
  });

  const names = (items: any[]) => items.map((g) => Object.keys(ids).find((k) => ids[k] === g.id));

  it('lists every gift newest first (date, then creation; undated last) in one Query', async () => {
    const reply = expectStatus(await keeper.call('GET', '/gifts'), 200);

    expect(names(reply.body.items)).toEqual(['g3', 'g2', 'r1', 'g1', 'r2']);
    expect(dbCalls(reply)).toBe(1);
  });

  it.each([
    [`contactId`, () => `contactId=${contactId}`, ['g2', 'r1', 'g1']],
    [`eventId`, () => `eventId=${eventId}`, ['g3', 'g2', 'r1']],
    ['status', () => 'status=given', ['g3', 'g1']],
    ['direction', () => 'direction=received', ['r1', 'r2']],
    ['contactId and direction', () => `contactId=${contactId}&direction=given`, ['g2', 'g1']],
    ['eventId and status', () => `eventId=${eventId}&status=idea`, ['g2']],
  ])('filters by %s', async (_, query, expected) => {
    const reply = expectStatus(await keeper.call('GET', `/gifts?${query()}`), 200);

    expect(names(reply.body.items)).toEqual(expected);
    expect(dbCalls(reply)).toBe(1);
  });

  it('pages through every gift with the cursor, in order', async () => {
    const { items, pages } = await allPages(keeper, '/gifts', 2);

    expect(names(items)).toEqual(['g3', 'g2', 'r1', 'g1', 'r2']);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('refuses an unknown status filter or a malformed id with 400', async () => {
    expect((await keeper.call('GET', '/gifts?status=lost')).status).toBe(400);
    expect((await keeper.call('GET', '/gifts?contactId=123')).status).toBe(400);
  });
});

describe('ownership', () => {
  it("answers 404 to another user for each of a user's gifts", async () => {
    const gift = await createGift(alice, { name: 'Secret' });

    expect((await bob.call('GET', `/gifts/${gift.id}`)).status).toBe(404);
    expect((await bob.call('PATCH', `/gifts/${gift.id}`, { body: { name: 'Mine' } })).status).toBe(404);
    expect((await bob.call('DELETE', `/gifts/${gift.id}`)).status).toBe(404);
    expect((await bob.call('GET', '/gifts')).body.items.map((g: any) => g.id)).not.toContain(gift.id);
    expect((await alice.call('GET', `/gifts/${gift.id}`)).body.name).toBe('Secret');
  });

  it("refuses with 404 a link to another user's contact or event, on create and on patch", async () => {
    const contact = await createContact(alice);
    const event = await createEvent(alice);
    const own = await createGift(bob);

    expect((await bob.call('POST', '/gifts', { body: { name: 'x', direction: 'given', contactId: contact.id } })).status).toBe(404);
    expect((await bob.call('POST', '/gifts', { body: { name: 'x', direction: 'given', eventId: event.id } })).status).toBe(404);
    expect((await bob.call('PATCH', `/gifts/${own.id}`, { body: { contactId: contact.id } })).status).toBe(404);
    expect((await bob.call('PATCH', `/gifts/${own.id}`, { body: { eventId: event.id } })).status).toBe(404);
    expect((await bob.call('GET', `/gifts?contactId=${contact.id}`)).body.items).toEqual([]);
  });
});
