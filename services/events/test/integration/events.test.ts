/** Events over HTTP: CRUD, date-range lists, pagination, ownership, the budget summary. */
import { errorOf, expectData } from '../../../../test/support/http';
import { allPages, at, createContact, createEvent, createGift, dbCalls, type EventBody, newPerson, type Person } from '../../../../test/support/gift-tracker';

let alice: Person;
let bob: Person;

beforeAll(async () => {
  [alice, bob] = await Promise.all([newPerson(), newPerson()]);
});

describe('events CRUD', () => {
  it('creates an event linked to contacts, with a budget, in one call, and reads it back', async () => {
    const contact = await createContact(alice);
    const body: EventBody = {
      name: 'Birthday dinner',
      type: 'birthday',
      date: '2030-03-14',
      recurring: 'yearly',
      contactIds: [contact.id],
      budget: { amount: 5000, currency: 'EUR' },
    };
    const created = await alice.client.POST('/events', { body });
    const event = expectData(created, 201);

    expect(event).toMatchObject({ ...body, version: 1 });
    expect(dbCalls(created.response)).toBeLessThanOrEqual(2);
    const read = await alice.client.GET('/events/{eventId}', at({ eventId: event.id }));
    expect(expectData(read, 200)).toEqual(event);
    expect(dbCalls(read.response)).toBe(1);
  });

  it('answers contactIds [] and budget null when there are none', async () => {
    expect(await createEvent(alice)).toMatchObject({ contactIds: [], budget: null });
  });

  // invalid bodies (several do not type-check against the request schema): sent with api()
  it.each([
    ['an unknown type', { type: 'party' }, 'type'],
    ['an unknown recurrence', { recurring: 'monthly' }, 'recurring'],
    ['a date that does not exist', { date: '2031-02-29' }, 'date'],
    ['a date in another format', { date: '14/03/2030' }, 'date'],
    ['a fractional budget', { budget: { amount: 10.5, currency: 'USD' } }, 'budget.amount'],
    ['a budget in no currency', { budget: { amount: 100, currency: 'XYZ' } }, 'budget.currency'],
    ['a negative budget', { budget: { amount: -1, currency: 'USD' } }, 'budget.amount'],
    ['a contact id that is not an id', { contactIds: ['nope'] }, 'contactIds.0'],
  ])('rejects %s with 400 naming the field', async (_, change, field) => {
    const reply = await alice.call('POST', '/events', { body: { name: 'E', type: 'other', date: '2030-01-01', recurring: 'none', ...change } });

    expect(reply.status).toBe(400);
    expect(errorOf(reply).details).toContainEqual(expect.objectContaining({ field }));
  });

  it("refuses a contact that is not the user's with 404", async () => {
    const theirs = await createContact(bob);
    const reply = await alice.client.POST('/events', {
      body: { name: 'E', type: 'other', date: '2030-01-01', recurring: 'none', contactIds: [theirs.id] },
    });

    expect(reply.response.status).toBe(404);
    expect(reply.error?.error.details).toEqual([expect.objectContaining({ field: 'contactIds.0' })]);
  });

  it('patches with a version check, and deletes without resurrecting', async () => {
    const event = await createEvent(alice, { name: 'Wedding', type: 'wedding' });
    const path = at({ eventId: event.id });
    const patched = expectData(
      await alice.client.PATCH('/events/{eventId}', {
        ...path,
        body: { date: '2031-07-01', budget: { amount: 100000, currency: 'USD' }, version: 1 },
      }),
      200,
    );

    expect(patched).toMatchObject({ name: 'Wedding', date: '2031-07-01', budget: { amount: 100000, currency: 'USD' }, version: 2 });
    expect((await alice.client.PATCH('/events/{eventId}', { ...path, body: { name: 'x', version: 1 } })).response.status).toBe(409);
    expect((await alice.client.PATCH('/events/{eventId}', { ...path, body: { budget: null } })).data?.budget).toBeNull();
    expect((await alice.client.DELETE('/events/{eventId}', path)).response.status).toBe(204);
    expect((await alice.client.GET('/events/{eventId}', path)).response.status).toBe(404);
    expect((await alice.client.PATCH('/events/{eventId}', { ...path, body: { name: 'Again' } })).response.status).toBe(404);
    expect((await alice.client.DELETE('/events/{eventId}', path)).response.status).toBe(404);
  });

  it('deleting an event leaves its gifts with eventId cleared', async () => {
    const event = await createEvent(alice);
    const gift = await createGift(alice, { eventId: event.id, price: { amount: 100, currency: 'USD' } });

    expect((await alice.client.DELETE('/events/{eventId}', at({ eventId: event.id }))).response.status).toBe(204);
    expect((await alice.client.GET('/gifts/{giftId}', at({ giftId: gift.id }))).data).toMatchObject({ id: gift.id, eventId: null });
  });
});

describe('GET /events', () => {
  let planner: Person;

  beforeAll(async () => {
    planner = await newPerson();
    for (const date of ['2030-01-01', '2030-02-15', '2030-02-28', '2030-03-01', '2030-12-31']) await createEvent(planner, { name: `On ${date}`, date });
  });

  const list = (query: { from?: string; to?: string }) => planner.client.GET('/events', { params: { query } });

  it('lists by date with both ends of ?from=&to= inclusive', async () => {
    const reply = await list({ from: '2030-02-15', to: '2030-03-01' });

    expect(expectData(reply, 200).items.map((e) => e.date)).toEqual(['2030-02-15', '2030-02-28', '2030-03-01']);
    expect(dbCalls(reply.response)).toBe(1);
    expect((await list({ from: '2030-03-01' })).data?.items.map((e) => e.date)).toEqual(['2030-03-01', '2030-12-31']);
    expect((await list({ to: '2030-01-01' })).data?.items.map((e) => e.date)).toEqual(['2030-01-01']);
  });

  it('pages through every event', async () => {
    const { items, pages } = await allPages((query) => planner.client.GET('/events', { params: { query } }), 2);

    expect(items.map((e) => e.date)).toEqual(['2030-01-01', '2030-02-15', '2030-02-28', '2030-03-01', '2030-12-31']);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('refuses from after to, and malformed dates, with 400', async () => {
    expect((await list({ from: '2030-02-01', to: '2030-01-01' })).response.status).toBe(400);
    expect((await list({ from: '2030-13-01' })).response.status).toBe(400);
  });
});

describe('ownership', () => {
  it("answers 404 to another user for each of a user's events", async () => {
    const event = await createEvent(alice, { name: 'Private' });
    const path = at({ eventId: event.id });

    expect((await bob.client.GET('/events/{eventId}', path)).response.status).toBe(404);
    expect((await bob.client.GET('/events/{eventId}/summary', path)).response.status).toBe(404);
    expect((await bob.client.PATCH('/events/{eventId}', { ...path, body: { name: 'Mine now' } })).response.status).toBe(404);
    expect((await bob.client.DELETE('/events/{eventId}', path)).response.status).toBe(404);
    expect((await bob.client.GET('/events', { params: { query: { from: '2000-01-01' } } })).data?.items).toEqual([]);
    expect((await alice.client.GET('/events/{eventId}', path)).data?.name).toBe('Private');
  });
});

describe('GET /events/{id}/summary', () => {
  const summary = (eventId: string) => alice.client.GET('/events/{eventId}/summary', at({ eventId }));

  it('adds up given gifts against the budget per recipient, in minor units, in two calls', async () => {
    const ann = await createContact(alice, { name: 'Ann' });
    const zed = await createContact(alice, { name: 'zed' });
    const event = await createEvent(alice, { budget: { amount: 10_000, currency: 'USD' }, contactIds: [ann.id, zed.id] });
    const usd = (amount: number) => ({ amount, currency: 'USD' });
    const a1 = await createGift(alice, { name: 'Pen', eventId: event.id, contactId: ann.id, price: usd(2_500), date: '2030-06-01' });
    const a2 = await createGift(alice, { name: 'Ink', eventId: event.id, contactId: ann.id, price: usd(1_255), date: '2030-06-02', status: 'purchased' });
    const z1 = await createGift(alice, { name: 'Lamp', eventId: event.id, contactId: zed.id, price: usd(3_000) });
    const z2 = await createGift(alice, { name: 'Thank-you card', direction: 'received', eventId: event.id, contactId: zed.id, price: usd(9_999) });
    const loose = await createGift(alice, { name: 'Idea', eventId: event.id });

    const reply = await summary(event.id);
    const sums = expectData(reply, 200);

    expect(dbCalls(reply.response)).toBeLessThanOrEqual(2);
    expect(sums.budget).toEqual(usd(10_000));
    expect(sums.spent).toEqual(usd(6_755));
    expect(sums.remaining).toEqual(usd(3_245));
    expect(sums.byRecipient.map((r) => [r.contactId, r.name, r.spent, r.gifts.map((g) => g.id)])).toEqual([
      [ann.id, 'Ann', usd(3_755), [a2.id, a1.id]],
      [zed.id, 'zed', usd(3_000), [z2.id, z1.id]],
      [null, null, usd(0), [loose.id]],
    ]);
  });

  it('goes negative when over budget, and answers null budget and remaining without one', async () => {
    const tight = await createEvent(alice, { budget: { amount: 1_000, currency: 'JPY' } });
    await createGift(alice, { eventId: tight.id, price: { amount: 1_500, currency: 'JPY' } });
    const open = await createEvent(alice);
    await createGift(alice, { eventId: open.id, price: { amount: 700, currency: 'GBP' } });

    expect((await summary(tight.id)).data).toMatchObject({
      spent: { amount: 1_500, currency: 'JPY' },
      remaining: { amount: -500, currency: 'JPY' },
    });
    expect((await summary(open.id)).data).toMatchObject({
      budget: null,
      remaining: null,
      spent: { amount: 700, currency: 'GBP' },
    });
  });

  it('refuses with 422 a gift in another currency than the budget, on create and on patch', async () => {
    const event = await createEvent(alice, { budget: { amount: 5_000, currency: 'USD' } });
    const created = await alice.client.POST('/gifts', {
      body: { name: 'Euro gift', direction: 'given', eventId: event.id, price: { amount: 100, currency: 'EUR' } },
    });

    expect(created.response.status).toBe(422);
    expect(created.error?.error.code).toBe('CURRENCY_MISMATCH');
    const gift = await createGift(alice, { price: { amount: 100, currency: 'EUR' } });
    const linked = await alice.client.PATCH('/gifts/{giftId}', { ...at({ giftId: gift.id }), body: { eventId: event.id } });
    expect(linked.response.status).toBe(422);
    expect((await summary(event.id)).data?.spent).toEqual({ amount: 0, currency: 'USD' });
  });

  it('keeps one currency on an event without a budget, until its last priced gift is gone', async () => {
    const event = await createEvent(alice);
    const first = await createGift(alice, { eventId: event.id, price: { amount: 100, currency: 'CHF' } });
    const refused = await alice.client.POST('/gifts', {
      body: { name: 'Other', direction: 'given', eventId: event.id, price: { amount: 1, currency: 'SEK' } },
    });
    expect(refused.response.status).toBe(422);

    expect((await alice.client.DELETE('/gifts/{giftId}', at({ giftId: first.id }))).response.status).toBe(204);
    await createGift(alice, { eventId: event.id, price: { amount: 1, currency: 'SEK' } });
    expect((await summary(event.id)).data?.spent).toEqual({ amount: 1, currency: 'SEK' });
  });

  it('refuses a budget currency that the priced gifts do not share', async () => {
    const event = await createEvent(alice);
    await createGift(alice, { eventId: event.id, price: { amount: 100, currency: 'CAD' } });
    const path = at({ eventId: event.id });

    expect((await alice.client.PATCH('/events/{eventId}', { ...path, body: { budget: { amount: 500, currency: 'AUD' } } })).response.status).toBe(422);
    expect((await alice.client.PATCH('/events/{eventId}', { ...path, body: { budget: { amount: 500, currency: 'CAD' } } })).response.status).toBe(200);
  });
});
