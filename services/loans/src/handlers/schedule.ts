import { Conflict } from '@platform/libs/errors';
import { route, pathId } from '@platform/libs/http';
import { loans } from '@platform/loans/repositories/loans';
import { readableBy } from '@platform/loans/domain/visibility';
import { todayUtc } from '@platform/loans/domain/clock';
import { viewSchedule } from '@platform/loans/domain/schedule';
import * as routes from '../routes.generated';

/** GET /loans/{loanId}/schedule: the schedule fixed at disbursement, with paid, outstanding and days overdue as of today. */
export const handler = route(routes.getLoanSchedule, async ({ params, principal }) => {
  const loan = readableBy(await loans.get(pathId(params, 'loanId', 'Loan')), principal);
  if (!loan.schedule) {
    throw new Conflict(`loan is ${loan.status}; its schedule is fixed at disbursement`, 'LOAN_NOT_DISBURSED', [
      { field: 'status', message: `loan is ${loan.status}`, state: loan.status },
    ]);
  }
  const asOf = todayUtc();
  return { loanId: loan.id, status: loan.status, disbursedOn: loan.disbursedOn, asOf, ...viewSchedule(loan.schedule, asOf) };
});
