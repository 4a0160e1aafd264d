import type { HistoryEntry, LoanInstallment, LoanRecord } from '../model';
/**
 * How loans and their history entries are laid out as DynamoDB items on the `loans` table (keys,
 * index attributes, the compact schedule), for LoanRepository (docs/loans.md has the table).
 */

export const loanKey = (id: string) => ({ pk: `LOAN#${id}`, sk: 'LOAN' });
export const historySk = (version: number, n: number) => `HISTORY#${String(version).padStart(12, '0')}#${String(n).padStart(2, '0')}`;

// The schedule is stored as rows [dueDate, principal, interest, paidPrincipal, paidInterest]: a
// 1,000-installment schedule stays ~40 KB, well under DynamoDB's 400 KB item limit.
type Row = [string, number, number, number, number];
const toRows = (schedule: LoanInstallment[]): Row[] =>
  [...schedule].sort((a, b) => a.number - b.number).map((i) => [i.dueDate, i.principal.amount, i.interest.amount, i.paidPrincipal, i.paidInterest]);
const fromRows = (rows: Row[], currency: string): LoanInstallment[] =>
  rows.map(([dueDate, principal, interest, paidPrincipal, paidInterest], index) => ({
    number: index + 1,
    dueDate,
    principal: { amount: principal, currency },
    interest: { amount: interest, currency },
    total: { amount: principal + interest, currency },
    paidPrincipal,
    paidInterest,
  }));

export function toItem(loan: LoanRecord): Record<string, unknown> {
  const { schedule, ...rest } = loan;
  return {
    ...loanKey(loan.id),
    gsi1pk: `BORROWER#${loan.borrowerId}`,
    gsi1sk: loan.id,
    gsi2pk: `STATUS#${loan.status}`,
    gsi2sk: loan.id,
    gsi3pk: 'LOANS',
    gsi3sk: loan.id,
    ...rest,
    scheduleRows: schedule ? toRows(schedule) : null,
  };
}

export function loanFromItem(item: Record<string, unknown>): LoanRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, gsi3pk: _e, gsi3sk: _f, scheduleRows, ...rest } = item;
  const loan = rest as unknown as Omit<LoanRecord, 'schedule'>;
  return { ...loan, schedule: scheduleRows ? fromRows(scheduleRows as Row[], loan.principal.currency) : null };
}

export function historyFromItem(item: Record<string, unknown>): HistoryEntry {
  const { pk: _pk, sk: _sk, ...entry } = item;
  return entry as unknown as HistoryEntry;
}
