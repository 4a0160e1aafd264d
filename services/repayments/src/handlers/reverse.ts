import { NotFound } from '@platform/libs/errors';
import { route, withStatus } from '@platform/libs/http';
import { loans } from '@platform/libs/repos/loans';
import { idempotently } from '@platform/libs/repos/loans-idempotency';
import { alreadyReversed, repayments } from '@platform/libs/repos/loans-repayments';
import { actorOf, idFrom, optionalIdempotencyKey } from '../../../loans/src/access';
import { clockNow } from '../../../loans/src/clock';
import { reverseRepayment } from '../repayment-actions';
import * as schemas from '../schemas';

/**
 * POST /repayments/{repaymentId}/reverse {reason} (accountant or admin): balances, schedule and
 * statistics restored in one transaction with the repayment marked reversed (only once: 409
 * ALREADY_REVERSED); a closed loan reopens. 200 {repayment, loan}.
 */
export const handler = route<{ reason: string }>({ roles: schemas.CASHIERS, body: schemas.reverse }, async ({ event, params, principal, body, headers }) => {
  const repayment = await repayments.get(idFrom(params, 'repaymentId', 'Repayment'));
  if (!repayment) throw new NotFound('Repayment');
  if (repayment.status === 'reversed') throw alreadyReversed(repayment.id);
  const request = { userId: principal.userId, key: optionalIdempotencyKey(headers), route: `${event.httpMethod} ${event.path}`, body };
  const response = await idempotently(request, async (record) => {
    const { result } = await loans.update(repayment.loanId, (loan) => {
      const clock = clockNow();
      const actor = actorOf(principal);
      const write = reverseRepayment(loan, repayment, actor, body.reason, clock);
      const reversal = { at: clock.now, by: actor, reason: body.reason };
      const reversed = { ...repayment, status: 'reversed' as const, reversal, updatedAt: clock.now, version: repayment.version + 1 };
      const { loan: next } = write;
      const reply = {
        statusCode: 200,
        body: { repayment: reversed, loan: { id: next.id, outstanding: next.outstanding, outstandingPrincipal: next.outstandingPrincipal, status: next.status, version: next.version } },
      };
      return { ...write, items: [repayments.reverseItem(repayment, reversal), ...record(reply)], result: reply };
    });
    return result;
  });
  return withStatus(response.statusCode, response.body);
});
