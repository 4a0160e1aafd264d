import { BusinessRule, ValidationError, type AppError } from '@platform/libs/errors';
import type { Money } from '@platform/libs/money';
import { allocateRepayment, reverseAllocation, totalOutstanding } from '../src/domain/allocation';
import { computeSchedule, withNothingPaid, type InstallmentState } from '../src/domain/schedule';

// The Fineract schedule: 100.00 USD, 12 %, 6 monthly rows of 1.00+16.25, 0.84+16.41, ... , 0.17+17.11.
const fresh = withNothingPaid(
  computeSchedule({
    principal: { amount: 10_000, currency: 'USD' },
    annualRatePercent: '12',
    installments: 6,
    every: { unit: 'months', n: 1 },
    disbursedOn: '2024-01-01',
  }).installments,
);
const usd = (amount: number): Money => ({ amount, currency: 'USD' });
/** The schedule after `payments` were allocated one after the other. */
const after = (...payments: number[]): InstallmentState[] => payments.reduce((rows, p) => allocateRepayment(rows, usd(p)).installments, fresh);
const paidParts = (rows: InstallmentState[]): number[][] => rows.map((r) => [r.paidInterest, r.paidPrincipal]);
const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
};

describe('allocateRepayment: interest then principal of the oldest unpaid installment, then the next', () => {
  it.each<[string, InstallmentState[], number, [number, number, number][], number, number]>([
    ['a payment smaller than the first interest goes to interest only', fresh, 50, [[1, 50, 0]], 50, 0],
    ['a small payment pays the first interest, then its principal', fresh, 1_000, [[1, 100, 900]], 100, 900],
    ['exactly one installment pays that installment', fresh, 1_725, [[1, 100, 1_625]], 100, 1_625],
    [
      'a payment beyond the due installment goes on to the next in order',
      fresh,
      2_000,
      [
        [1, 100, 1_625],
        [2, 84, 191],
      ],
      184,
      1_816,
    ],
    [
      'a partly paid installment is finished first (its principal, as its interest is paid)',
      after(100),
      1_725,
      [
        [1, 0, 1_625],
        [2, 84, 16],
      ],
      84,
      1_641,
    ],
    ['fully paid installments are skipped', after(1_725, 1_725), 500, [[3, 67, 433]], 67, 433],
    [
      'paying everything outstanding pays every row',
      fresh,
      10_353,
      [
        [1, 100, 1_625],
        [2, 84, 1_641],
        [3, 67, 1_658],
        [4, 51, 1_674],
        [5, 34, 1_691],
        [6, 17, 1_711],
      ],
      353,
      10_000,
    ],
  ])('%s', (_rule, rows, amount, parts, interest, principal) => {
    const result = allocateRepayment(rows, usd(amount));
    expect(result.perInstallment).toEqual(parts.map(([number, i, p]) => ({ number, interest: usd(i), principal: usd(p) })));
    expect(result.allocation).toEqual({ interest: usd(interest), principal: usd(principal) });
    expect(result.outstanding).toEqual(usd(totalOutstanding(rows) - amount));
  });

  it('the payment that clears the schedule leaves nothing outstanding (the caller closes the loan)', () => {
    const result = allocateRepayment(after(5_000), usd(5_353));
    expect(result.outstanding).toEqual(usd(0));
    expect(result.installments.every((r) => r.paidInterest === r.interest.amount && r.paidPrincipal === r.principal.amount)).toBe(true);
  });

  it('updates paid parts on new objects and leaves the input schedule untouched', () => {
    const before = JSON.stringify(fresh);
    const { installments } = allocateRepayment(fresh, usd(2_000));
    expect(paidParts(installments).slice(0, 3)).toEqual([
      [100, 1_625],
      [84, 191],
      [0, 0],
    ]);
    expect(JSON.stringify(fresh)).toBe(before);
  });

  it('allocates in installment order even when rows arrive unsorted', () => {
    const { perInstallment } = allocateRepayment([...fresh].reverse(), usd(1_800));
    expect(perInstallment.map((p) => p.number)).toEqual([1, 2]);
  });
});

describe('allocateRepayment: payments it refuses', () => {
  it.each<[string, InstallmentState[], Money, number, string]>([
    ['a repayment larger than what is owed', fresh, usd(10_354), 422, 'OVERPAYMENT'],
    ['any repayment on a schedule already repaid', after(10_353), usd(1), 422, 'OVERPAYMENT'],
    ['a repayment larger than what is left after earlier payments', after(10_000), usd(354), 422, 'OVERPAYMENT'],
    ['a repayment in another currency than the loan', fresh, { amount: 100, currency: 'EUR' }, 422, 'CURRENCY_MISMATCH'],
    ['a zero amount', fresh, usd(0), 400, 'VALIDATION_FAILED'],
    ['a negative amount', fresh, usd(-100), 400, 'VALIDATION_FAILED'],
    ['a fraction of a minor unit', fresh, usd(10.5), 400, 'VALIDATION_FAILED'],
  ])('refuses %s', (_rule, rows, amount, status, code) => {
    const error = errorOf(() => allocateRepayment(rows, amount));
    expect(error).toBeInstanceOf(status === 422 ? BusinessRule : ValidationError);
    expect({ status: error.status, code: error.code }).toEqual({ status, code });
  });

  it('says how much is outstanding when refusing an overpayment', () => {
    const error = errorOf(() => allocateRepayment(fresh, usd(20_000)));
    expect(error.message).toBe('repayment of 200.00 USD is more than the 103.53 USD outstanding');
    expect(error.details?.[0]).toMatchObject({ outstanding: usd(10_353) });
  });
});

describe('reverseAllocation: gives back exactly what an allocation took', () => {
  it.each([50, 1_000, 1_725, 2_000, 7_777, 10_253])('reversing a payment of %i minor units restores the schedule before it', (amount) => {
    const before = after(100);
    const { installments, perInstallment } = allocateRepayment(before, usd(amount));
    expect(reverseAllocation(installments, perInstallment)).toEqual(before);
  });

  it('reversing an earlier payment leaves a later payment where it was allocated', () => {
    const first = allocateRepayment(fresh, usd(1_000));
    const second = allocateRepayment(first.installments, usd(2_000));
    const restored = reverseAllocation(second.installments, first.perInstallment);
    // first took 1.00 + 9.00 of #1; second took 7.25 of #1, then 0.84 + 11.91 of #2.
    expect(second.perInstallment).toEqual([
      { number: 1, interest: usd(0), principal: usd(725) },
      { number: 2, interest: usd(84), principal: usd(1_191) },
    ]);
    expect(paidParts(restored).slice(0, 3)).toEqual([
      [0, 725],
      [84, 1_191],
      [0, 0],
    ]);
    expect(totalOutstanding(restored)).toBe(10_353 - 2_000);
    expect(reverseAllocation(restored, second.perInstallment)).toEqual(fresh);
  });

  it.each<[string, { number: number; interest: Money; principal: Money }]>([
    ['an installment the schedule does not have', { number: 7, interest: usd(0), principal: usd(1) }],
    ['more than was paid on the installment', { number: 1, interest: usd(101), principal: usd(0) }],
    ['a part in another currency', { number: 1, interest: { amount: 1, currency: 'EUR' }, principal: usd(0) }],
  ])('refuses a stored allocation naming %s (inconsistent data is a bug, not input)', (_name, part) => {
    expect(() => reverseAllocation(after(1_725), [part])).toThrow(Error);
  });
});
