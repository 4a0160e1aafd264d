import { ValidationError } from '@platform/libs/errors';
import { toFixedHalfEven } from '@platform/libs/money';
import {
  computeSchedule,
  daysOverdue,
  loanDaysOverdue,
  periodicRate,
  viewSchedule,
  withNothingPaid,
  balances,
  type InstallmentState,
  type Period,
  type ScheduleTerms,
} from '../src/domain/schedule';

const monthly: Period = { unit: 'months', n: 1 };
const terms = (over: Partial<ScheduleTerms> = {}): ScheduleTerms => ({
  principal: { amount: 10_000, currency: 'USD' },
  annualRatePercent: '12',
  installments: 6,
  every: monthly,
  disbursedOn: '2024-01-01',
  ...over,
});
/** [principal, interest, total] per installment, in minor units. */
const rowsOf = (t: ScheduleTerms): number[][] => computeSchedule(t).installments.map((i) => [i.principal.amount, i.interest.amount, i.total.amount]);

describe('computeSchedule: the Apache Fineract reference (100.00 USD, 12 %, 6 monthly, 2024-01-01)', () => {
  const schedule = computeSchedule(terms());

  it.each([
    [1, '2024-02-01', 1625, 100, 1725],
    [2, '2024-03-01', 1641, 84, 1725],
    [3, '2024-04-01', 1658, 67, 1725],
    [4, '2024-05-01', 1674, 51, 1725],
    [5, '2024-06-01', 1691, 34, 1725],
    [6, '2024-07-01', 1711, 17, 1728],
  ])('installment %i falls due on %s: principal %i, interest %i, total %i', (n, due, principal, interest, total) => {
    expect(schedule.installments[n - 1]).toEqual({
      number: n,
      dueDate: due,
      principal: { amount: principal, currency: 'USD' },
      interest: { amount: interest, currency: 'USD' },
      total: { amount: total, currency: 'USD' },
    });
  });

  it('totals 3.53 USD of interest and 103.53 USD payable', () => {
    expect(schedule).toMatchObject({
      currency: 'USD',
      principal: { amount: 10_000, currency: 'USD' },
      totalInterest: { amount: 353, currency: 'USD' },
      totalPayable: { amount: 10_353, currency: 'USD' },
    });
  });
});

describe('computeSchedule: rows for other terms (checked against an independent decimal computation)', () => {
  it.each<[string, ScheduleTerms, number[][]]>([
    [
      'weekly: 7-day periods, r = 10 % * 7 / 360',
      terms({ principal: { amount: 100_000, currency: 'USD' }, annualRatePercent: '10', installments: 4, every: { unit: 'weeks', n: 1 } }),
      [
        [24_928, 194, 25_122],
        [24_976, 146, 25_122],
        [25_025, 97, 25_122],
        [25_071, 49, 25_120],
      ],
    ],
    [
      'every 2 months: 60-day periods',
      terms({ principal: { amount: 120_000, currency: 'USD' }, annualRatePercent: '9', installments: 3, every: { unit: 'months', n: 2 } }),
      [
        [39_406, 1_800, 41_206],
        [39_997, 1_209, 41_206],
        [40_597, 609, 41_206],
      ],
    ],
    [
      'one installment: all the principal plus one period of interest (312.5 rounds half-even to 312)',
      terms({ principal: { amount: 50_000, currency: 'USD' }, annualRatePercent: '7.5', installments: 1 }),
      [[50_000, 312, 50_312]],
    ],
    [
      '0 %: equal principal rounded half-even, the last takes the rest',
      terms({ principal: { amount: 100_000, currency: 'USD' }, annualRatePercent: '0', installments: 3 }),
      [
        [33_333, 0, 33_333],
        [33_333, 0, 33_333],
        [33_334, 0, 33_334],
      ],
    ],
    [
      '0 % with a tie: 2.5 rounds half-even to 2',
      terms({ principal: { amount: 10, currency: 'USD' }, annualRatePercent: '0', installments: 4 }),
      [
        [2, 0, 2],
        [2, 0, 2],
        [2, 0, 2],
        [4, 0, 4],
      ],
    ],
    [
      'KWD has 3 minor digits: 1,000.000 KWD at 5 % over 4 months',
      terms({ principal: { amount: 1_000_000, currency: 'KWD' }, annualRatePercent: '5', installments: 4 }),
      [
        [248_443, 4_167, 252_610],
        [249_479, 3_131, 252_610],
        [250_518, 2_092, 252_610],
        [251_560, 1_048, 252_608],
      ],
    ],
    [
      'a principal too small to split: earlier rows repay nothing, the last repays it all',
      terms({ principal: { amount: 1, currency: 'USD' }, installments: 6 }),
      [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [1, 0, 1],
      ],
    ],
    [
      'a rounded-up share never repays more than is owed',
      terms({ principal: { amount: 3, currency: 'USD' }, annualRatePercent: '0', installments: 5 }),
      [
        [1, 0, 1],
        [1, 0, 1],
        [1, 0, 1],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
  ])('%s', (_rule, t, expected) => {
    expect(rowsOf(t)).toEqual(expected);
  });

  it('JPY has no minor unit: 1,000,000 JPY at 15 % over 12 months is rounded to whole yen', () => {
    const s = computeSchedule(terms({ principal: { amount: 1_000_000, currency: 'JPY' }, annualRatePercent: '15', installments: 12 }));
    expect(s.installments.slice(0, 2).map((i) => [i.principal.amount, i.interest.amount])).toEqual([
      [77_758, 12_500],
      [78_730, 11_528],
    ]);
    expect(s.installments[11].total).toEqual({ amount: 90_262, currency: 'JPY' });
    expect(s.totalInterest).toEqual({ amount: 83_100, currency: 'JPY' });
  });

  it('a large principal (10,000,000,000 minor units over 360 months) stays exact', () => {
    const s = computeSchedule(terms({ principal: { amount: 10_000_000_000, currency: 'USD' }, annualRatePercent: '9.4822', installments: 360 }));
    expect(s.installments[0]).toMatchObject({ principal: { amount: 4_937_248 }, interest: { amount: 79_018_333 }, total: { amount: 83_955_581 } });
    expect(s.installments[359]).toMatchObject({ dueDate: '2054-01-01', principal: { amount: 83_297_287 }, interest: { amount: 658_201 } });
    expect(s.totalInterest.amount).toBe(20_224_009_067);
  });
});

describe('computeSchedule: invariants whatever the terms', () => {
  it.each<[string, ScheduleTerms]>([
    ['Fineract', terms()],
    ['weekly every 2 weeks', terms({ every: { unit: 'weeks', n: 2 }, installments: 26 })],
    ['odd rate', terms({ principal: { amount: 123_457, currency: 'EUR' }, annualRatePercent: '19.99', installments: 7 })],
    ['long', terms({ principal: { amount: 987_654_321, currency: 'USD' }, annualRatePercent: '3.25', installments: 240 })],
    ['zero rate', terms({ principal: { amount: 99_999, currency: 'JPY' }, annualRatePercent: '0', installments: 7 })],
  ])('%s: principals sum exactly to the principal and every total is principal + interest', (_name, t) => {
    const s = computeSchedule(t);
    const sum = (pick: (i: (typeof s.installments)[number]) => number): number => s.installments.reduce((a, i) => a + pick(i), 0);
    expect(sum((i) => i.principal.amount)).toBe(t.principal.amount);
    expect(sum((i) => i.interest.amount)).toBe(s.totalInterest.amount);
    expect(s.totalPayable.amount).toBe(t.principal.amount + s.totalInterest.amount);
    for (const i of s.installments) {
      expect(i.total.amount).toBe(i.principal.amount + i.interest.amount);
      expect(Number.isInteger(i.interest.amount) && i.principal.amount >= 0).toBe(true);
    }
    expect(s.installments.map((i) => i.number)).toEqual(s.installments.map((_, k) => k + 1));
  });
});

describe('computeSchedule: due dates count whole periods from the disbursement date, clamped to the month end', () => {
  it.each<[string, string, Period, number, string[]]>([
    ['monthly from 31 Jan 2024 (leap year)', '2024-01-31', monthly, 4, ['2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']],
    ['monthly from 31 Jan 2023', '2023-01-31', monthly, 2, ['2023-02-28', '2023-03-31']],
    ['monthly from 30 Nov crosses the year', '2024-11-30', monthly, 3, ['2024-12-30', '2025-01-30', '2025-02-28']],
    ['every 2 months from 31 Dec', '2023-12-31', { unit: 'months', n: 2 }, 3, ['2024-02-29', '2024-04-30', '2024-06-30']],
    ['weekly', '2024-01-01', { unit: 'weeks', n: 1 }, 3, ['2024-01-08', '2024-01-15', '2024-01-22']],
    ['every 2 weeks across a leap day', '2024-02-20', { unit: 'weeks', n: 2 }, 2, ['2024-03-05', '2024-03-19']],
  ])('%s', (_name, disbursedOn, every, installments, dates) => {
    const s = computeSchedule(terms({ disbursedOn, every, installments }));
    expect(s.installments.map((i) => i.dueDate)).toEqual(dates);
  });
});

describe('periodicRate: 30/360 day count', () => {
  it.each<[string, Period, string]>([
    ['12', monthly, '0.01000000000000000000'],
    ['12', { unit: 'months', n: 3 }, '0.03000000000000000000'],
    ['36', { unit: 'weeks', n: 1 }, '0.00700000000000000000'],
    ['9.4822', monthly, '0.00790183333333333333'],
  ])('%s %% every %o is exactly %s per period (no binary float)', (rate, every, expected) => {
    expect(toFixedHalfEven(periodicRate(rate, every), 20)).toBe(expected);
  });
});

describe('computeSchedule: terms it refuses with a 400 naming the field', () => {
  it.each<[string, Partial<ScheduleTerms>, string]>([
    ['a zero principal', { principal: { amount: 0, currency: 'USD' } }, 'principal.amount'],
    ['a fractional principal', { principal: { amount: 10.5, currency: 'USD' } }, 'principal.amount'],
    ['a negative rate', { annualRatePercent: '-1' }, 'annualRatePercent'],
    ['a rate in exponent notation', { annualRatePercent: '1e2' }, 'annualRatePercent'],
    ['a rate above 1000 %', { annualRatePercent: '1000.01' }, 'annualRatePercent'],
    ['zero installments', { installments: 0 }, 'installments'],
    ['more than 1000 installments', { installments: 1001 }, 'installments'],
    ['an unknown period unit', { every: { unit: 'days' as never, n: 1 } }, 'every.unit'],
    ['a zero period length', { every: { unit: 'months', n: 0 } }, 'every.n'],
    ['a date that does not exist', { disbursedOn: '2023-02-29' }, 'disbursedOn'],
  ])('refuses %s', (_name, over, field) => {
    const attempt = (): unknown => computeSchedule(terms(over));
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (e) {
      expect((e as ValidationError).details?.map((d) => d.field)).toContain(field);
    }
  });
});

describe('viewSchedule: the live schedule as of a date', () => {
  const fresh = withNothingPaid(computeSchedule(terms()).installments);
  const paying = (paid: Array<[number, number]>): InstallmentState[] =>
    fresh.map((row, k) => ({ ...row, paidInterest: paid[k]?.[0] ?? 0, paidPrincipal: paid[k]?.[1] ?? 0 }));

  it.each<[string, InstallmentState[], string, number[], number[], number, number]>([
    ['nothing paid, nothing due yet', fresh, '2024-01-15', [0, 0, 0, 0, 0, 0], [1725, 1725, 1725, 1725, 1725, 1728], 10_353, 10_000],
    [
      'nothing paid: a row is overdue from the day after its due date',
      fresh,
      '2024-03-01',
      [29, 0, 0, 0, 0, 0],
      [1725, 1725, 1725, 1725, 1725, 1728],
      10_353,
      10_000,
    ],
    ['first row paid in full: it is never overdue', paying([[100, 1625]]), '2024-03-11', [0, 10, 0, 0, 0, 0], [0, 1725, 1725, 1725, 1725, 1728], 8_628, 8_375],
    [
      'a row partly paid (interest only) stays overdue',
      paying([[100, 0]]),
      '2024-02-11',
      [10, 0, 0, 0, 0, 0],
      [1625, 1725, 1725, 1725, 1725, 1728],
      10_253,
      10_000,
    ],
    [
      'everything paid: nothing outstanding, nothing overdue',
      paying(fresh.map((r) => [r.interest.amount, r.principal.amount])),
      '2025-01-01',
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
      0,
      0,
    ],
  ])('%s', (_name, rows, asOf, overdue, outstanding, loanOutstanding, loanOutstandingPrincipal) => {
    const view = viewSchedule(rows, asOf);
    expect(view.installments.map((r) => r.daysOverdue)).toEqual(overdue);
    expect(view.installments.map((r) => r.outstanding.amount)).toEqual(outstanding);
    expect(view.installments.map((r) => r.paid.amount + r.outstanding.amount)).toEqual(view.installments.map((r) => r.total.amount));
    expect(view.outstanding).toEqual({ amount: loanOutstanding, currency: 'USD' });
    expect(view.outstandingPrincipal).toEqual({ amount: loanOutstandingPrincipal, currency: 'USD' });
    expect(loanDaysOverdue(rows, asOf)).toBe(Math.max(...overdue));
  });

  it('answers the schedule reply shape: scheduled totals plus paid, outstanding and daysOverdue per row', () => {
    const view = viewSchedule(fresh, '2024-01-01');
    expect(view).toMatchObject({ currency: 'USD', principal: { amount: 10_000 }, totalInterest: { amount: 353 }, totalPayable: { amount: 10_353 } });
    expect(Object.keys(view.installments[0]).sort()).toEqual(['daysOverdue', 'dueDate', 'interest', 'number', 'outstanding', 'paid', 'principal', 'total']);
  });

  it.each([
    ['due today', '2024-02-01', 0],
    ['one day late', '2024-02-02', 1],
    ['across a leap day', '2024-03-01', 29],
  ])('daysOverdue of an unpaid row %s (as of %s) is %i', (_name, asOf, days) => {
    expect(daysOverdue(fresh[0], asOf)).toBe(days);
  });
});

describe('balances: what a loan still owes on its schedule', () => {
  it('is the scheduled total less what was paid, and the principal less principal paid', () => {
    const rows = withNothingPaid(computeSchedule(terms()).installments);
    rows[0] = { ...rows[0], paidInterest: 100, paidPrincipal: 1625 };
    rows[1] = { ...rows[1], paidInterest: 84, paidPrincipal: 191 };
    expect(balances(rows, 'USD')).toEqual({
      outstanding: { amount: 10_353 - 2000, currency: 'USD' },
      outstandingPrincipal: { amount: 10_000 - 1816, currency: 'USD' },
    });
  });
});
