import { actorOf } from '@platform/libs/auth';
import { route } from '@platform/libs/http';
import { newId } from '@platform/libs/ids';
import { loans } from '@platform/loans/repositories/loans';
import { idempotently } from '@platform/loans/repositories/idempotency';
import { repayments } from '@platform/loans/repositories/repayments';
import { clockNow } from '@platform/loans/domain/clock';
import { recordRepayment } from '@platform/loans/domain/repayment-changes';
import * as routes from '../routes.generated';

/**
 * POST /repayments (accountant or admin, Idempotency-Key): one transaction writes the repayment,
 * the loan's installments and totals (conditioned on its version, retried on a clash), its
 * history, a statistics shard and the idempotency record. 201 {repayment, allocation, loan}.
 */
export const handler = route(routes.recordRepayment, ({ principal, body, idempotency }) =>
  idempotently(idempotency, async (record) => {
    const id = newId();
    const { result } = await loans.update(body.loanId, (loan) => {
      const write = recordRepayment(loan, id, actorOf(principal), body, clockNow());
      const reply = { statusCode: 201, body: write.result };
      return { ...write, items: [repayments.recordItem(write.repayment), ...record(reply)], result: reply };
    });
    return result;
  }),
);
