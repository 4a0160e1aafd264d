import { writeOff } from '../src/domain/loan-changes';
import { accountant, active, admin, approved, clock, officer } from './fixtures';
import { recordRepayment, reversalReply, reverseRepayment, type RepaymentRequest } from '../src/domain/repayment-changes';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const pay = (amount: number, over: Partial<RepaymentRequest> = {}): RepaymentRequest => ({
  loanId: 'loan-1',
  amount: usd(amount),
  paidOn: '2024-02-01',
  method: 'cash',
  ...over,
});
const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as { status: number; code: string; message: string };
  }
  throw new Error('expected an error');
};

describe('recording a repayment', () => {
  const loan = active();
  const write = recordRepayment(loan, 'rep-1', accountant, pay(2000), clock);

  it('pays interest then principal of the oldest installment, then the next', () => {
    expect(write.result.allocation).toEqual({ interest: usd(184), principal: usd(1816) });
    expect(write.repayment.perInstallment).toEqual([
      { number: 1, interest: usd(100), principal: usd(1625) },
      { number: 2, interest: usd(84), principal: usd(191) },
    ]);
  });

  it('lowers what the loan owes by exactly the amount, one version up', () => {
    expect(write.loan).toMatchObject({
      outstanding: usd(10_353 - 2000),
      outstandingPrincipal: usd(10_000 - 1816),
      status: 'active',
      version: loan.version + 1,
    });
    expect(write.result.loan).toMatchObject({ outstanding: usd(8353), status: 'active' });
  });

  it('moves interest collected, total repaid and principal outstanding', () => {
    expect(write.counters).toEqual({ 'USD.interestCollected': 184, 'USD.totalRepaid': 2000, 'USD.principalOutstanding': -1816 });
    expect(write.history).toEqual([
      expect.objectContaining({ action: 'repayment', amount: usd(2000), details: expect.objectContaining({ repaymentId: 'rep-1' }) }),
    ]);
  });

  it('closes the loan with the final payment, in the same write', () => {
    const closing = recordRepayment(loan, 'rep-2', accountant, pay(10_353), clock);
    expect(closing.loan.status).toBe('closed');
    expect(closing.history.map((h) => h.action)).toEqual(['repayment', 'close']);
    expect(closing.counters).toMatchObject({ 'count.active': -1, 'count.closed': 1, 'USD.principalOutstanding': -10_000 });
  });

  it.each([
    ['more than is owed', pay(10_354), 422, 'OVERPAYMENT'],
    ['in another currency', pay(100, { amount: { amount: 100, currency: 'EUR' } }), 422, 'CURRENCY_MISMATCH'],
    ['dated in the future', pay(100, { paidOn: '2024-08-02' }), 422, 'PAID_ON_IN_FUTURE'],
    ['dated before disbursement', pay(100, { paidOn: '2023-12-31' }), 422, 'PAID_ON_BEFORE_DISBURSEMENT'],
  ])('refuses a payment %s', (_what, request, status, code) => {
    expect(errorOf(() => recordRepayment(loan, 'r', accountant, request, clock))).toMatchObject({ status, code });
  });

  it('is 409 LOAN_NOT_DISBURSED on an approved loan and LOAN_CLOSED on a closed one', () => {
    expect(errorOf(() => recordRepayment(approved(), 'r', accountant, pay(100), clock))).toMatchObject({ status: 409, code: 'LOAN_NOT_DISBURSED' });
    const closed = recordRepayment(loan, 'r', accountant, pay(10_353), clock).loan;
    expect(errorOf(() => recordRepayment(closed, 'r2', accountant, pay(1), clock))).toMatchObject({ status: 409, code: 'LOAN_CLOSED' });
  });
});

describe('reversing a repayment', () => {
  const loan = active();
  const first = recordRepayment(loan, 'rep-1', accountant, pay(2000), clock);

  it('restores installments, totals and statistics exactly', () => {
    const write = reverseRepayment(first.loan, first.repayment, accountant, 'bounced', clock);
    expect(write.loan.schedule).toEqual(loan.schedule);
    expect(write.loan).toMatchObject({ outstanding: loan.outstanding, outstandingPrincipal: loan.outstandingPrincipal, status: 'active' });
    expect(write.counters).toEqual({ 'USD.interestCollected': -184, 'USD.totalRepaid': -2000, 'USD.principalOutstanding': 1816 });
    expect(write.history[0]).toMatchObject({ action: 'repayment_reversed', amount: usd(2000), details: { repaymentId: 'rep-1', reason: 'bounced' } });
  });

  it("answers the repayment as now stored (reversed, one version up) and the loan's balances", () => {
    const reversal = { at: clock.now, by: accountant, reason: 'bounced' };
    const write = reverseRepayment(first.loan, first.repayment, accountant, 'bounced', clock);
    expect(reversalReply(first.repayment, reversal, write.loan)).toEqual({
      repayment: { ...first.repayment, status: 'reversed', reversal, updatedAt: clock.now, version: 2 },
      loan: { id: loan.id, outstanding: usd(10_353), outstandingPrincipal: usd(10_000), status: 'active', version: first.loan.version + 1 },
    });
  });

  it('reopens a loan its reversal un-closes', () => {
    const closing = recordRepayment(first.loan, 'rep-2', accountant, pay(8353), clock);
    const write = reverseRepayment(closing.loan, closing.repayment, admin, 'chargeback', clock);
    expect(write.loan.status).toBe('active');
    expect(write.loan.outstanding).toEqual(usd(8353));
    expect(write.history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['repayment_reversed', undefined, undefined],
      ['reopen', 'closed', 'active'],
    ]);
    expect(write.counters).toMatchObject({ 'count.closed': -1, 'count.active': 1 });
  });

  it('is 409 ALREADY_REVERSED the second time, and LOAN_WRITTEN_OFF on a written-off loan', () => {
    expect(errorOf(() => reverseRepayment(first.loan, { ...first.repayment, status: 'reversed' }, accountant, 'again', clock))).toMatchObject({
      status: 409,
      code: 'ALREADY_REVERSED',
    });
    const gone = writeOff(first.loan, admin, {}, clock).loan;
    expect(errorOf(() => reverseRepayment(gone, first.repayment, accountant, 'late', clock))).toMatchObject({ status: 409, code: 'LOAN_WRITTEN_OFF' });
  });

  it('reopening needs a cashier: a loan officer cannot', () => {
    const closing = recordRepayment(loan, 'rep-3', accountant, pay(10_353), clock);
    expect(errorOf(() => reverseRepayment(closing.loan, closing.repayment, officer, 'no', clock))).toMatchObject({ status: 403 });
  });
});
