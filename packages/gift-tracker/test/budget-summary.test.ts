import { BusinessRule } from '@platform/libs/errors';
import type { Money } from '@platform/libs/money';
import { eventCurrency, summarizeEvent, type SummaryGift } from '../src/domain/budget-summary';

const usd = (amount: number): Money => ({ amount, currency: 'USD' });
const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

let nextId = 0;
const gift = (overrides: Partial<SummaryGift> = {}): SummaryGift => ({
  id: `G${String(++nextId).padStart(3, '0')}`,
  name: 'Scarf',
  direction: 'given',
  status: 'purchased',
  ...overrides,
});

const contactNames = { C1: 'Bob', C2: 'alice', C3: 'Carol' };

describe('budget, spent and remaining in integer minor units', () => {
  it.each([
    ['spent is the sum of given gifts prices', usd(10_000), [usd(2_599), usd(1_001)], usd(3_600), usd(6_400)],
    ['exactly on budget leaves zero', usd(5_000), [usd(2_500), usd(2_500)], usd(5_000), usd(0)],
    ['over budget gives a negative remaining', usd(5_000), [usd(4_000), usd(1_999)], usd(5_999), usd(-999)],
    ['no gifts spend nothing', usd(5_000), [], usd(0), usd(5_000)],
    ['unpriced gifts spend nothing', usd(5_000), [undefined, null], usd(0), usd(5_000)],
    ['a zero budget with spending is over budget', usd(0), [usd(1)], usd(1), usd(-1)],
    ['large amounts stay exact', usd(9_007_199_254_740_000), [usd(9_007_199_254_740_000)], usd(9_007_199_254_740_000), usd(0)],
  ])('%s', (_rule, budget, prices, spent, remaining) => {
    const summary = summarizeEvent({ budget, gifts: prices.map((price) => gift({ price })), contactNames });
    expect(summary).toMatchObject({ budget, spent, remaining });
  });

  it('ten gifts of 0.10 make exactly 1.00 (no floating point drift)', () => {
    const summary = summarizeEvent({ budget: usd(100), gifts: Array.from({ length: 10 }, () => gift({ price: usd(10) })), contactNames });
    expect(summary.spent).toEqual(usd(100));
    expect(summary.remaining).toEqual(usd(0));
  });

  it.each([
    ['idea', usd(1_000)],
    ['planned', usd(1_000)],
    ['given', usd(1_000)],
  ])('a given gift in status %s counts as spending', (status, spent) => {
    expect(summarizeEvent({ budget: usd(5_000), gifts: [gift({ status, price: usd(1_000) })], contactNames }).spent).toEqual(spent);
  });

  it('received gifts are not spending', () => {
    const gifts = [gift({ price: usd(1_000) }), gift({ direction: 'received', status: 'received', price: usd(7_000) })];
    expect(summarizeEvent({ budget: usd(5_000), gifts, contactNames })).toMatchObject({ spent: usd(1_000), remaining: usd(4_000) });
  });
});

describe('without a budget', () => {
  const received = (price: Money): SummaryGift => gift({ direction: 'received', status: 'received', price });
  it.each([
    [
      'budget and remaining are null, spent is in the first priced gift currency',
      [gift(), gift({ price: eur(1_250) }), gift({ price: eur(250) })],
      undefined,
      eur(1_500),
    ],
    ['a priced received gift still sets the currency', [received(eur(900))], undefined, eur(0)],
    ['spent falls back to the user default currency', [gift()], 'GBP', { amount: 0, currency: 'GBP' }],
    ['spent is null when no currency can be known', [gift()], undefined, null],
  ])('%s', (_rule, gifts, defaultCurrency, spent) => {
    const summary = summarizeEvent({ budget: null, gifts, contactNames, defaultCurrency });
    expect(summary).toMatchObject({ budget: null, spent, remaining: null });
  });

  it('an omitted budget is the same as a null one', () => {
    expect(summarizeEvent({ gifts: [gift({ price: usd(5) })], contactNames })).toMatchObject({ budget: null, spent: usd(5), remaining: null });
  });

  it('the budget currency wins over the user default currency', () => {
    expect(summarizeEvent({ budget: usd(100), gifts: [], contactNames, defaultCurrency: 'EUR' }).spent).toEqual(usd(0));
  });
});

describe('one currency per event: a mismatch is a 422 CURRENCY_MISMATCH', () => {
  it.each([
    ['a given gift in another currency than the budget', usd(10_000), [gift({ price: usd(100) }), gift({ price: eur(100) })]],
    [
      'a received gift in another currency than the budget',
      usd(10_000),
      [gift({ price: usd(100) }), gift({ direction: 'received', status: 'received', price: eur(100) })],
    ],
    ['mixed currencies without a budget', null, [gift({ price: eur(100) }), gift({ price: usd(100) })]],
    ['a single gift in another currency than the budget', usd(10_000), [gift({ price: eur(1) })]],
  ])('%s', (_rule, budget, gifts) => {
    const call = () => summarizeEvent({ budget, gifts, contactNames });
    expect(call).toThrow(BusinessRule);
    expect(call).toThrow(
      expect.objectContaining({ status: 422, code: 'CURRENCY_MISMATCH', details: [expect.objectContaining({ field: 'price', giftId: gifts.at(-1)?.id })] }),
    );
  });

  it.each([
    ['the budget currency', usd(1), [gift({ price: usd(5) })], 'USD'],
    ['the first priced gift currency', null, [gift(), gift({ price: eur(5) })], 'EUR'],
    ['nothing when nothing is priced', null, [gift()], undefined],
  ])('eventCurrency is %s', (_rule, budget, gifts, expected) => {
    expect(eventCurrency(budget, gifts)).toBe(expected);
  });

  it('linking a gift in another currency is refused before it is stored', () => {
    expect(() => eventCurrency(usd(100), [{ id: 'new', price: eur(5) }])).toThrow(expect.objectContaining({ code: 'CURRENCY_MISMATCH' }));
  });
});

describe('gifts grouped by recipient', () => {
  it('groups by contact, each with its own spending, ordered by name then contactId, no-contact gifts last', () => {
    const gifts = [
      gift({ id: 'G1', contactId: 'C1', price: usd(1_000) }),
      gift({ id: 'G2', contactId: null, price: usd(300) }),
      gift({ id: 'G3', contactId: 'C2', price: usd(2_000) }),
      gift({ id: 'G4', contactId: 'C1', price: usd(500) }),
      gift({ id: 'G5', contactId: 'C2', direction: 'received', status: 'thanked', price: usd(4_000) }),
      gift({ id: 'G6', contactId: 'C9' }),
      gift({ id: 'G7' }),
    ];
    const summary = summarizeEvent({ budget: usd(10_000), gifts, contactNames });
    expect(summary.spent).toEqual(usd(3_800));
    expect(summary.byRecipient.map((r) => [r.contactId, r.name, r.spent?.amount, r.gifts.map((g) => g.id)])).toEqual([
      ['C2', 'alice', 2_000, ['G5', 'G3']],
      ['C1', 'Bob', 1_500, ['G4', 'G1']],
      ['C9', null, 0, ['G6']],
      [null, null, 300, ['G7', 'G2']],
    ]);
  });

  it.each([
    ['two contacts of one name order by contactId', { C7: 'Dan', C5: 'Dan' }, ['C5', 'C7']],
    ['names compare as a reader expects', { C1: 'bob', C2: 'Alice', C3: 'Émile', C4: 'Zoe' }, ['C2', 'C1', 'C3', 'C4']],
  ])('%s', (_rule, names, expected) => {
    const gifts = Object.keys(names).map((contactId) => gift({ contactId }));
    expect(summarizeEvent({ gifts, contactNames: names }).byRecipient.map((r) => r.contactId)).toEqual(expected);
  });

  it('lists a recipient gifts newest first: by date, then by creation, undated last', () => {
    const gifts = [
      gift({ id: '01A', contactId: 'C1', date: '2026-01-01' }),
      gift({ id: '01B', contactId: 'C1' }),
      gift({ id: '01C', contactId: 'C1', date: '2026-03-01' }),
      gift({ id: '01D', contactId: 'C1', date: '2026-01-01' }),
      gift({ id: '01E', contactId: 'C1' }),
    ];
    expect(summarizeEvent({ gifts, contactNames }).byRecipient[0].gifts.map((g) => g.id)).toEqual(['01C', '01D', '01A', '01E', '01B']);
  });

  it('passes the gift objects through unchanged', () => {
    const rich = { ...gift({ contactId: 'C3', price: usd(1) }), url: 'https://example.com', store: 'Shop' };
    expect(summarizeEvent({ gifts: [rich], contactNames }).byRecipient[0].gifts[0]).toBe(rich);
  });

  it('an event without gifts has no recipients', () => {
    expect(summarizeEvent({ budget: usd(1), gifts: [], contactNames }).byRecipient).toEqual([]);
  });
});
