/** Who may see a loan or a repayment of it. */
import { isStaff, type Principal } from '@platform/libs/auth';
import { NotFound } from '@platform/libs/errors';

/** The borrower sees their own, staff see all; anyone else gets 404 (existence does not leak). */
export function readableBy<T extends { borrowerId: string }>(item: T | undefined, p: Principal, what = 'Loan'): T {
  if (!item || (item.borrowerId !== p.userId && !isStaff(p))) throw new NotFound(what);
  return item;
}
