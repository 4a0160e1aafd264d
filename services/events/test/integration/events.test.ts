/** Events over HTTP: CRUD, date-range lists, pagination, ownership, the budget summary. */
import { allPages, createContact, createEvent, createGift, dbCalls, expectStatus, newPerson, type Person } from '../../../../test/support/gift-tracker';

let alice: Person;
let bob: Person;

beforeAll(async () => {
  [alice, bob] = await Promise.all([newPerson(), newPerson()]);
});

describe('events CRUD', () => {
  it('creates an event linked to contacts, with a budget, in one call, and reads it back', async () => {
    const contact = await createContact(alice);
    const body = {
      name: 'Birthday dinner',
      type: 'birthday',
      date: '2030-03-14',
      recurring: 'yearly',
      contactIds: [contact.id],
      budget: { amount: 5000, currency: 'EUR' },
    };
    const created = expectStatus(await alice.call('POST', '/events', { body }), 201);

    expect(created.body).toMatchObject({ ...body, version: 1 });
    expect(dbCalls(created)).toBeLessThanOrEqual(2);
    const read = expectStatus(await alice.call('GET', `/events/${created.body.id}`), 200);
    expect(read.body).toEqual(created.body);
    expect(dbCalls(read)).toBe(1);
  });

  it('answers contactIds [] and budget null when there are none', async () => {
    expect(await createEvent(alice)).toMatchObject({ contactIds: [], budget: null });
  });

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
    expect(reply.body.error.details).toContainEqual(expect.objectContaining({ field }));
  });

  it("refuses a contact that is not the user's with 404", async () => {
    const theirs = await createContact(bob);
    const reply = await alice.call('POST', '/events', { body: { name: 'E', type: 'other', date: '2030-01-01', recurring: 'none', contactIds: [theirs.id] } });

    expect(reply.status).toBe(404);
    expect(reply.body.error.details).toEqual([expect.objectContaining({ field: 'contactIds.0' })]);
  });

  it('patches with a version check, and deletes without resurrecting', async () => {
    const event = await createEvent(alice, { name: 'Wedding', type: 'wedding' });
    const patched = expectStatus(
      await alice.call('PATCH', `/events/${event.id}`, { body: { date: '2031-07-01', budget: { amount: 100000, currency: 'USD' }, version: 1 } }),
      200,
    );

    expect(patched.body).toMatchObject({ name: 'Wedding', date: '2031-07-01', budget: { amount: 100000, currency: 'USD' }, version: 2 });
    expect((await alice.call('PATCH', `/events/${event.id}`, { body: { name: 'x', version: 1 } })).status).toBe(409);
    expect((await alice.call('PATCH', `/events/${event.id}`, { body: { budget: null } })).body.budget).toBeNull();
    expect((await alice.call('DELETE', `/events/${event.id}`)).status).toBe(204);
    expect((await alice.call('GET', `/events/${event.id}`)).status).toBe(404);
    expect((await alice.call('PATCH', `/events/${event.id}`, { body: { name: 'Again' } })).status).toBe(404);
    expect((await alice.call('DELETE', `/events/${event.id}`)).status).toBe(404);
  });

  it('deleting an event leaves its gifts with eventId cleared', async () => {
    const event = await createEvent(alice);
    const gift = await createGift(alice, { eventId: event.id, price: { amount: 100, currency: 'USD' } });

    expect((await alice.call('DELETE', `/events/${event.id}`)).status).toBe(204);
    expect((await alice.call('GET', `/gifts/${gift.id}`)).body).toMatchObject({ id: gift.id, eventId: null });
  });
});

describe('GET /events', () => {
  let planner: Person;

  beforeAll(async () => {
    planner = await newPerson();
    for (const date of ['2030-01-01', '2030-02-15', '2030-02-28', '2030-03-01', '2030-12-31']) await createEvent(planner, { name: `On ${date}`, date });
  });

  it('lists by date with both ends of ?from=&to= inclusive', async () => {
    const reply = expectStatus(await planner.call('GET', '/events?from=2030-02-15&to=2030-03-01'), 200);

    expect(reply.body.items.map((e: any) => e.date)).toEqual(['2030-02-15', '2030-02-28', '2030-03-01']);
    expect(dbCalls(reply)).toBe(1);
    expect((await planner.call('GET', '/events?from=2030-03-01')).body.items.map((e: any) => e.date)).toEqual(['2030-03-01', '2030-12-31']);
    expect((await planner.call('GET', '/events?to=2030-01-01')).body.items.map((e: any) => e.date)).toEqual(['2030-01-01']);
  });

  it('pages through every event', async () => {
    const { items, pages } = await allPages(planner, '/events', 2);

    expect(items.map((e) => e.date)).toEqual(['2030-01-01', '2030-02-15', '2030-02-28', '2030-03-01', '2030-12-31']);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('refuses from after to, and malformed dates, with 400', async () => {
    expect((await planner.call('GET', '/events?from=2030-02-01&to=2030-01-01')).status).toBe(400);
    expect((await planner.call('GET', '/events?from=2030-13-01')).status).toBe(400);
  });
});

describe('ownership', () => {
  it("answers 404 to another user for each of a user's events", async () => {
    const event = await createEvent(alice, { name: 'Private' });

    expect((await bob.call('GET', `/events/${event.id}`)).status).toBe(404);
    expect((await bob.call('GET', `/events/${event.id}/summary`)).status).toBe(404);
    expect((await bob.call('PATCH', `/events/${event.id}`, { body: { name: 'Mine now' } })).status).toBe(404);
    expect((await bob.call('DELETE', `/events/${event.id}`)).status).toBe(404);
    expect((await bob.call('GET', '/events?from=2000-01-01')).body.items).toEqual([]);
    expect((await alice.call('GET', `/events/${event.id}`)).body.name).toBe('Private');
  });
});

describe('GET /events/{id}/summary', () => {
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

    const reply = expectStatus(await alice.call('GET', `/events/${event.id}/summary`), 200);

    expect(dbCalls(reply)).toBeLessThanOrEqual(2);
    expect(reply.body.budget).toEqual(usd(10_000));
    expect(reply.body.spent).toEqual(usd(6_755));
    expect(reply.body.remaining).toEqual(usd(3_245));
    expect(reply.body.byRecipient.map((r: any) => [r.contactId, r.name, r.spent, r.gifts.map((g: any) => g.id)])).toEqual([
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

    expect((await alice.call('GET', `/events/${tight.id}/summary`)).body).toMatchObject({
      spent: { amount: 1_500, currency: 'JPY' },
      remaining: { amount: -500, currency: 'JPY' },
    });
    expect((await alice.call('GET', `/events/${open.id}/summary`)).body).toMatchObject({
      budget: null,
      remaining: null,
      spent: { amount: 700, currency: 'GBP' },
    });
  });

  it('refuses with 422 a gift in another currency than the budget, on create and on patch', async () => {
    const event = await createEvent(alice, { budget: { amount: 5_000, currency: 'USD' } });
    const created = await alice.call('POST', '/gifts', {
      body: { name: 'Euro gift', direction: 'given', eventId: event.id, price: { amount: 100, currency: 'EUR' } },
    });

    expect(created.status).toBe(422);
    expect(created.body.error.code).toBe('CURRENCY_MISMATCH');
    const gift = await createGift(alice, { price: { amount: 100, currency: 'EUR' } });
    const linked = await alice.call('PATCH', `/gifts/${gift.id}`, { body: { eventId: event.id } });
    expect(linked.status).toBe(422);
    expect((await alice.call('GET', `/events/${event.id}/summary`)).body.spent).toEqual({ amount: 0, currency: 'USD' });
  });

  it('keeps one currency on an event without a budget, until its last priced gift is gone', async () => {
    const event = await createEvent(alice);
    const first = await createGift(alice, { eventId: event.id, price: { amount: 100, currency: 'CHF' } });
    const refused = await alice.call('POST', '/gifts', {
      body: { name: 'Other', direction: 'given', eventId: event.id, price: { amount: 1, currency: 'SEK' } },
    });
    expect(refused.status).toBe(422);

    expect((await alice.call('DELETE', `/gifts/${first.id}`)).status).toBe(204);
    await createGift(alice, { eventId: event.id, price: { amount: 1, currency: 'SEK' } });
    expect((await alice.call('GET', `/events/${event.id}/summary`)).body.spent).toEqual({ amount: 1, currency: 'SEK' });
  });

  it('refuses a budget currency that the priced gifts do not share', async () => {
    const event = await createEvent(alice);
    await createGift(alice, { eventId: event.id, price: { amount: 100, currency: 'CAD' } });

    expect((await alice.call('PATCH', `/events/${event.id}`, { body: { budget: { amount: 500, currency: 'AUD' } } })).status).toBe(422);
    expect((await alice.call('PATCH', `/events/${event.id}`, { body: { budget: { amount: 500, currency: 'CAD' } } })).status).toBe(200);
  });
});
