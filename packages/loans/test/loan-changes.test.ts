import { applyFor, approve, disburse, reject, withdraw, writeOff } from '../src/domain/loan-changes';
import { accountant, active, admin, approved, borrower, clock, officer, submitted } from './fixtures';

const codeOf = (fn: () => unknown): { status: number; code: string; message: string } => {
  try {
    fn();
  } catch (error) {
    return error as { status: number; code: string; message: string };
  }
  throw new Error('expected an error');
};

describe('applying: a submitted loan with nothing owed yet', () => {
  const write = applyFor(
    'loan-1',
    borrower,
    { principal: { amount: 10_000, currency: 'USD' }, installments: 6, every: { unit: 'months', n: 1 }, purpose: 'stock' },
    clock,
  );

  it('starts at version 1 in submitted, owned by the applicant', () => {
    expect(write.loan).toMatchObject({
      id: 'loan-1',
      status: 'submitted',
      borrowerId: borrower.userId,
      version: 1,
      schedule: null,
      outstanding: { amount: 0, currency: 'USD' },
    });
  });

  it('writes an apply history entry with the principal and counts one submitted loan', () => {
    expect(write.history).toEqual([
      expect.objectContaining({ action: 'apply', to: 'submitted', amount: { amount: 10_000, currency: 'USD' }, actor: borrower }),
    ]);
    expect(write.counters).toEqual({ 'count.submitted': 1 });
  });

  it('refuses terms no schedule can hold (a last due date past year 9999)', () => {
    const far = { ...clock, today: '9999-06-01' };
    expect(
      codeOf(() =>
        applyFor('x', borrower, { principal: { amount: 100, currency: 'USD' }, installments: 12, every: { unit: 'months', n: 1 }, purpose: 'p' }, far),
      ),
    ).toMatchObject({ status: 400 });
  });
});

describe('approving', () => {
  it('fixes the rate (decimal text, or a number read by its text) and defaults the approved principal', () => {
    const loan = approve(submitted(), officer, { annualRatePercent: 9.4822 }, clock).loan;
    expect(loan).toMatchObject({ status: 'approved', annualRatePercent: '9.4822', approvedPrincipal: { amount: 10_000, currency: 'USD' }, version: 2 });
    expect(loan.decision).toMatchObject({ action: 'approve', by: officer });
  });

  it('is 403 SELF_APPROVAL for an officer deciding their own application', () => {
    const own = applyFor(
      'own',
      officer,
      { principal: { amount: 100, currency: 'USD' }, installments: 1, every: { unit: 'months', n: 1 }, purpose: 'p' },
      clock,
    ).loan;
    expect(codeOf(() => approve(own, officer, { annualRatePercent: '5' }, clock))).toMatchObject({ status: 403, code: 'SELF_APPROVAL' });
    expect(codeOf(() => reject(own, officer, { reason: 'no' }, clock))).toMatchObject({ status: 403, code: 'SELF_APPROVAL' });
  });

  it('is 403 for the borrower and for an accountant', () => {
    expect(codeOf(() => approve(submitted(), borrower, { annualRatePercent: '5' }, clock))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(codeOf(() => approve(submitted(), accountant, { annualRatePercent: '5' }, clock))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('refuses an approved principal in another currency or above what was applied for (422)', () => {
    expect(codeOf(() => approve(submitted(), officer, { annualRatePercent: '5', approvedPrincipal: { amount: 100, currency: 'EUR' } }, clock))).toMatchObject({
      status: 422,
      code: 'CURRENCY_MISMATCH',
    });
    expect(
      codeOf(() => approve(submitted(), officer, { annualRatePercent: '5', approvedPrincipal: { amount: 10_001, currency: 'USD' } }, clock)),
    ).toMatchObject({ status: 422, code: 'APPROVED_PRINCIPAL_TOO_HIGH' });
  });

  it('refuses a rate the schedule cannot read (400)', () => {
    expect(codeOf(() => approve(submitted(), officer, { annualRatePercent: 1e-7 }, clock))).toMatchObject({ status: 400 });
  });

  it('is 409 naming the state on a loan already decided', () => {
    const err = codeOf(() => approve(approved(), admin, { annualRatePercent: '5' }, clock));
    expect(err).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    expect(err.message).toContain('loan is approved');
  });
});

describe('rejecting and withdrawing', () => {
  it('records the reason on the loan and in history', () => {
    const write = reject(submitted(), officer, { reason: 'income too low' }, clock);
    expect(write.loan).toMatchObject({ status: 'rejected', decision: { action: 'reject', reason: 'income too low' } });
    expect(write.history[0]).toMatchObject({ action: 'reject', from: 'submitted', to: 'rejected', details: { reason: 'income too low' } });
    expect(write.counters).toEqual({ 'count.submitted': -1, 'count.rejected': 1 });
  });

  it('lets only the borrower withdraw, while submitted or approved', () => {
    expect(withdraw(approved(), borrower, {}, clock).loan.status).toBe('withdrawn');
    expect(codeOf(() => withdraw(submitted(), officer, {}, clock))).toMatchObject({ status: 403 });
    expect(codeOf(() => withdraw(active(), borrower, {}, clock))).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });
});

describe('disbursing: the schedule is fixed from disbursedOn', () => {
  const write = disburse(approved(), accountant, { disbursedOn: '2024-01-01' }, clock);

  it('stores the Fineract reference schedule with nothing paid, and the loan owes its total payable', () => {
    expect(write.loan.schedule!.map((r) => [r.dueDate, r.principal.amount, r.interest.amount])).toEqual([
      ['2024-02-01', 1625, 100],
      ['2024-03-01', 1641, 84],
      ['2024-04-01', 1658, 67],
      ['2024-05-01', 1674, 51],
      ['2024-06-01', 1691, 34],
      ['2024-07-01', 1711, 17],
    ]);
    expect(write.loan).toMatchObject({
      status: 'active',
      disbursedOn: '2024-01-01',
      totalInterest: { amount: 353 },
      outstanding: { amount: 10_353 },
      outstandingPrincipal: { amount: 10_000 },
    });
  });

  it('moves principal disbursed and outstanding and interest expected', () => {
    expect(write.counters).toEqual({
      'count.approved': -1,
      'count.active': 1,
      'USD.principalDisbursed': 10_000,
      'USD.principalOutstanding': 10_000,
      'USD.interestExpected': 353,
    });
    expect(write.history[0]).toMatchObject({ action: 'disburse', from: 'approved', to: 'active', amount: { amount: 10_000, currency: 'USD' } });
  });

  it.each([
    ['today', '2024-08-01'],
    ['tomorrow', '2024-08-02'],
    ['30 days ahead, the last day allowed', '2024-08-31'],
    ['years ago (a loan moved in from another book)', '2019-03-15'],
  ])('accepts a disbursement dated %s', (_when, disbursedOn) => {
    expect(disburse(approved(), accountant, { disbursedOn }, clock).loan).toMatchObject({ status: 'active', disbursedOn });
  });

  it('refuses a disbursement dated more than 30 days ahead (422) and a loan officer (403)', () => {
    expect(codeOf(() => disburse(approved(), accountant, { disbursedOn: '2024-09-01' }, clock))).toMatchObject({ status: 422, code: 'DISBURSED_ON_IN_FUTURE' });
    expect(codeOf(() => disburse(approved(), officer, { disbursedOn: '2024-01-01' }, clock))).toMatchObject({ status: 403 });
  });

  it('is 409 on a submitted loan, naming its state', () => {
    expect(codeOf(() => disburse(submitted(), accountant, { disbursedOn: '2024-01-01' }, clock))).toMatchObject({
      status: 409,
      message: expect.stringContaining('loan is submitted'),
    });
  });
});

describe('writing off (admin, active loans)', () => {
  it('takes what is still owed in principal out of the outstanding portfolio', () => {
    const write = writeOff(active(), admin, { reason: 'borrower vanished' }, clock);
    expect(write.loan.status).toBe('written_off');
    expect(write.counters).toEqual({ 'count.active': -1, 'count.written_off': 1, 'USD.principalOutstanding': -10_000 });
    expect(write.history[0]).toMatchObject({ action: 'write_off', amount: { amount: 10_353 }, details: { reason: 'borrower vanished' } });
  });

  it('is 403 for an accountant', () => {
    expect(codeOf(() => writeOff(active(), accountant, {}, clock))).toMatchObject({ status: 403 });
  });
});
