import { actorOf } from '@platform/libs/auth';
import { NotFound } from '@platform/libs/errors';
import { route, pathId } from '@platform/libs/http';
import { loans } from '@platform/loans/repositories/loans';
import { idempotently } from '@platform/loans/repositories/idempotency';
import { alreadyReversed, repayments } from '@platform/loans/repositories/repayments';
import { clockNow } from '@platform/loans/domain/clock';
import { reversalReply, reverseRepayment } from '@platform/loans/domain/repayment-changes';
import * as routes from '../routes.generated';
import type { RepaymentRecord } from '@platform/loans/model';

const found = (repayment: RepaymentRecord | undefined): RepaymentRecord => {
  if (!repayment) throw new NotFound('Repayment');
  if (repayment.status === 'reversed') throw alreadyReversed(repayment.id);
  return repayment;
};

/**
 * POST /repayments/{repaymentId}/reverse {reason} (accountant or admin): balances, schedule and
 * statistics restored in one transaction with the repayment marked reversed (only once: 409
 * ALREADY_REVERSED); a closed loan reopens. 200 {repayment, loan}.
 */
export const handler = route(routes.reverseRepayment, async ({ params, principal, body, idempotency }) => {
  const { id, loanId } = found(await repayments.get(pathId(params, 'repaymentId', 'Repayment')));
  return idempotently(idempotency, async (record) => {
    const { result } = await loans.update(loanId, async (loan) => {
      // Read the repayment after the loan: a reversal that won meanwhile shows on it (409), so
      // the loan and the repayment this decision sees are never from either side of that write.
      const repayment = found(await repayments.get(id));
      const clock = clockNow();
      const reversal = { at: clock.now, by: actorOf(principal), reason: body.reason };
      const write = reverseRepayment(loan, repayment, reversal.by, body.reason, clock);
      const reply = { statusCode: 200, body: reversalReply(repayment, reversal, write.loan) };
      return { ...write, items: [repayments.reverseItem(repayment, reversal), ...record(reply)], result: reply };
    });
    return result;
  });
});
