import { loanFromItem, toItem } from '../src/repositories/loan-items';
import type { LoanRecord } from '../src/model';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const loan: LoanRecord = {
  id: '01J000000000000000000000AA',
  borrowerId: '01J000000000000000000000BB',
  status: 'active',
  principal: usd(10_000),
  approvedPrincipal: usd(10_000),
  annualRatePercent: '12',
  installments: 2,
  every: { unit: 'months', n: 1 },
  purpose: 'stock',
  decision: null,
  disbursedOn: '2024-01-01',
  schedule: [
    { number: 1, dueDate: '2024-02-01', principal: usd(4975), interest: usd(100), total: usd(5075), paidPrincipal: 4975, paidInterest: 100 },
    { number: 2, dueDate: '2024-03-01', principal: usd(5025), interest: usd(50), total: usd(5075), paidPrincipal: 10, paidInterest: 50 },
  ],
  totalInterest: usd(150),
  outstanding: usd(5015),
  outstandingPrincipal: usd(5015),
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-03-01T00:00:00.000Z',
  version: 7,
};

describe('the loan item on the loans table', () => {
  const item = toItem(loan);

  it('carries the keys of the three access patterns: borrower, status, every loan', () => {
    expect(item).toMatchObject({
      pk: `LOAN#${loan.id}`,
      sk: 'LOAN',
      gsi1pk: `BORROWER#${loan.borrowerId}`,
      gsi1sk: loan.id,
      gsi2pk: 'STATUS#active',
      gsi2sk: loan.id,
      gsi3pk: 'LOANS',
      gsi3sk: loan.id,
    });
  });

  it('stores the schedule as compact rows and reads back exactly the same loan', () => {
    expect(item.scheduleRows).toEqual([
      ['2024-02-01', 4975, 100, 4975, 100],
      ['2024-03-01', 5025, 50, 10, 50],
    ]);
    expect(loanFromItem(JSON.parse(JSON.stringify(item)))).toEqual(loan);
  });

  it('has no schedule before disbursement', () => {
    const submitted = { ...loan, status: 'submitted' as const, schedule: null, disbursedOn: null };
    expect(loanFromItem(toItem(submitted))).toEqual(submitted);
  });
});
