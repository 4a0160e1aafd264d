/** GET /events/upcoming over HTTP: the window [today, today + days] in the user's timezone, yearly things and birthdays included. */
import { addDays, formatDate, isLeapYear, parseDate, todayIn } from '@platform/libs/dates';
import { errorOf, expectData } from '../../../../test/support/http';
import { at, createContact, createEvent, dbCalls, newPerson, type Person } from '../../../../test/support/gift-tracker';

const shift = (date: string, days: number) => formatDate(addDays(parseDate(date)!, days));
const monthDay = (date: string) => date.slice(5);

/** Reference: the dates in [today, today + days] on which a month-day falls (29 Feb on 28 Feb in common years). */
function anniversaries(today: string, days: number, md: string): string[] {
  const out: string[] = [];
  for (let d = 0; d <= days; d++) {
    const date = shift(today, d);
    const leap = isLeapYear(Number(date.slice(0, 4)));
    if (monthDay(date) === md || (md === '02-29' && !leap && monthDay(date) === '02-28')) out.push(date);
  }
  return out;
}

async function personIn(timezone: string): Promise<Person> {
  const person = await newPerson();
  expectData(await person.client.PATCH('/users/me', { body: { timezone } }), 200);
  return person;
}

/** GET /events/upcoming (?days= when given), asserting 200: the reply and its items. */
const upcoming = async (person: Person, days?: number) => {
  const reply = await person.client.GET('/events/upcoming', { params: { query: days === undefined ? {} : { days } } });
  return { items: expectData(reply, 200).items, response: reply.response };
};

describe('GET /events/upcoming', () => {
  it('includes today and day N, excludes yesterday and day N + 1, soonest first', async () => {
    const person = await personIn('UTC');
    const today = formatDate(todayIn('UTC'));
    const last = shift(today, 10);
    const today_ = await createEvent(person, { name: 'A one-off today', date: today });
    const yearly = await createEvent(person, { name: 'B yearly today', date: `2000-${monthDay(today)}`, recurring: 'yearly' });
    const lastDay = await createEvent(person, { name: 'C on the last day', date: last });
    const friend = await createContact(person, { name: 'D birthday', birthday: `--${monthDay(last)}` });
    await createEvent(person, { name: 'yesterday', date: shift(today, -1) });
    await createEvent(person, { name: 'day after the window', date: shift(today, 11) });
    await createContact(person, { name: 'birthday after the window', birthday: `--${monthDay(shift(today, 11))}` });
    await createContact(person, { name: 'no birthday' });

    const reply = await upcoming(person, 10);

    expect(reply.items).toEqual([
      { date: today, kind: 'event', name: 'A one-off today', eventId: today_.id },
      { date: today, kind: 'event', name: 'B yearly today', eventId: yearly.id },
      { date: last, kind: 'event', name: 'C on the last day', eventId: lastDay.id },
      { date: last, kind: 'birthday', name: 'D birthday', contactId: friend.id },
    ]);
    expect(dbCalls(reply.response)).toBeLessThanOrEqual(2);
  });

  it('defaults to 30 days and refuses days outside 1..366 with 400', async () => {
    const person = await newPerson();
    const today = formatDate(todayIn('UTC'));
    await createEvent(person, { name: 'day 30', date: shift(today, 30) });
    await createEvent(person, { name: 'day 31', date: shift(today, 31) });

    expect((await upcoming(person)).items.map((i) => i.name)).toEqual(['day 30']);
    // raw query strings ('soon' is no number): sent with api()
    for (const days of ['0', '367', '1.5', 'soon']) {
      const reply = await person.call('GET', `/events/upcoming?days=${days}`);
      expect(reply.status).toBe(400);
      expect(errorOf(reply).details?.[0].field).toBe('days');
    }
  });

  it('wraps the year: January dates after New Year land in the next year', async () => {
    const person = await newPerson();
    const today = formatDate(todayIn('UTC'));
    const newYear = await createContact(person, { name: 'New Year baby', birthday: '--01-01' });
    const eve = await createEvent(person, { name: "New Year's Eve", type: 'holiday', date: '1999-12-31', recurring: 'yearly' });

    const { items } = await upcoming(person, 366);

    expect(items.filter((i) => 'contactId' in i && i.contactId === newYear.id).map((i) => i.date)).toEqual(anniversaries(today, 366, '01-01'));
    expect(items.filter((i) => 'eventId' in i && i.eventId === eve.id).map((i) => i.date)).toEqual(anniversaries(today, 366, '12-31'));
    expect(items.map((i) => i.date)).toEqual([...items.map((i) => i.date)].sort());
  });

  it('puts a 29 February birthday on 28 February in common years', async () => {
    const person = await newPerson();
    const today = formatDate(todayIn('UTC'));
    const leapling = await createContact(person, { name: 'Leapling', birthday: '2000-02-29' });
    const noYear = await createContact(person, { name: 'Year unknown', birthday: '--02-29' });

    const { items } = await upcoming(person, 366);
    const expected = anniversaries(today, 366, '02-29');

    expect(expected.length).toBeGreaterThan(0);
    expect(items.filter((i) => 'contactId' in i && i.contactId === leapling.id).map((i) => i.date)).toEqual(expected);
    expect(items.filter((i) => 'contactId' in i && i.contactId === noYear.id).map((i) => i.date)).toEqual(expected);
  });

  it('does not list a yearly event before its first date, nor a one-off event in a past year', async () => {
    const person = await newPerson();
    const today = formatDate(todayIn('UTC'));
    await createEvent(person, { name: 'starts next year', date: shift(today, 370), recurring: 'yearly' });
    await createEvent(person, { name: 'last year', date: shift(today, -365) });

    expect((await upcoming(person, 366)).items).toEqual([]);
  });

  it.each([['Pacific/Kiritimati'], ['Pacific/Pago_Pago']])("counts from today in the user's timezone (%s)", async (timezone) => {
    const person = await personIn(timezone);
    const today = formatDate(todayIn(timezone));
    await createEvent(person, { name: 'local today', date: today });
    await createEvent(person, { name: 'local yesterday', date: shift(today, -1) });
    await createEvent(person, { name: 'local tomorrow', date: shift(today, 1) });
    await createEvent(person, { name: 'local day after tomorrow', date: shift(today, 2) });

    const reply = await upcoming(person, 1);

    expect(reply.items.map((i) => [i.date, i.name])).toEqual([
      [today, 'local today'],
      [shift(today, 1), 'local tomorrow'],
    ]);
    expect(dbCalls(reply.response)).toBeLessThanOrEqual(2);
  });

  // A thing whose next date is in next year's part of the window is read through its second calendar entry.
  it('follows every change of an event: date, name, yearly or one-off, deletion', async () => {
    const person = await newPerson();
    const today = formatDate(todayIn('UTC'));
    const nextYear = anniversaries(today, 366, monthDay(shift(today, -5)));
    const event = await createEvent(person, { name: 'Moving', date: shift(today, 100) });
    const path = at({ eventId: event.id });
    const dates = async (days: number) => (await upcoming(person, days)).items.map((i) => [i.date, i.name]);

    expect(await dates(30)).toEqual([]);
    expectData(await person.client.PATCH('/events/{eventId}', { ...path, body: { date: shift(today, 5) } }), 200);
    expect(await dates(30)).toEqual([[shift(today, 5), 'Moving']]);
    expectData(await person.client.PATCH('/events/{eventId}', { ...path, body: { date: `2000-${monthDay(shift(today, -5))}`, recurring: 'yearly' } }), 200);
    expect(await dates(30)).toEqual([]);
    expect(await dates(366)).toEqual(nextYear.map((d) => [d, 'Moving']));
    const renamed = await person.client.PATCH('/events/{eventId}', { ...path, body: { name: 'Renamed' } });
    expectData(renamed, 200);
    expect(dbCalls(renamed.response)).toBeLessThanOrEqual(2);
    expect(await dates(366)).toEqual(nextYear.map((d) => [d, 'Renamed']));
    expectData(await person.client.PATCH('/events/{eventId}', { ...path, body: { recurring: 'none' } }), 200);
    expect(await dates(366)).toEqual([]);
    expectData(await person.client.PATCH('/events/{eventId}', { ...path, body: { recurring: 'yearly' } }), 200);
    expect((await person.client.DELETE('/events/{eventId}', path)).response.status).toBe(204);
    expect(await dates(366)).toEqual([]);
  });

  it("follows every change of a contact's birthday: set, moved, renamed, cleared, deleted", async () => {
    const person = await newPerson();
    const today = formatDate(todayIn('UTC'));
    const early = monthDay(shift(today, -5));
    const created = await person.client.POST('/contacts', { body: { name: 'Bea', birthday: `--${early}` } });
    const contact = expectData(created, 201);
    expect(dbCalls(created.response)).toBeLessThanOrEqual(2);
    const path = at({ contactId: contact.id });
    const dates = async () => (await upcoming(person, 366)).items.map((i) => [i.date, i.name]);

    expect(await dates()).toEqual(anniversaries(today, 366, early).map((d) => [d, 'Bea']));
    expectData(await person.client.PATCH('/contacts/{contactId}', { ...path, body: { name: 'Beatrice', birthday: `1990-${monthDay(shift(today, 3))}` } }), 200);
    expect(await dates()).toEqual(anniversaries(today, 366, monthDay(shift(today, 3))).map((d) => [d, 'Beatrice']));
    expectData(await person.client.PATCH('/contacts/{contactId}', { ...path, body: { birthday: null } }), 200);
    expect(await dates()).toEqual([]);
    expectData(await person.client.PATCH('/contacts/{contactId}', { ...path, body: { birthday: `--${early}` } }), 200);
    expect(await dates()).toEqual(anniversaries(today, 366, early).map((d) => [d, 'Beatrice']));
    expect((await person.client.DELETE('/contacts/{contactId}', path)).response.status).toBe(204);
    expect(await dates()).toEqual([]);
    expect((await person.client.DELETE('/contacts/{contactId}', path)).response.status).toBe(404);
  });

  it("never shows another user's events or birthdays", async () => {
    const [owner, other] = await Promise.all([newPerson(), newPerson()]);
    await createContact(owner, { name: 'Theirs', birthday: `--${monthDay(formatDate(todayIn('UTC')))}` });

    expect((await upcoming(other, 366)).items).toEqual([]);
  });
});
