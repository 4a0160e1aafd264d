import { actorOf } from '@platform/libs/auth';
import { route } from '@platform/libs/http';
import { newId } from '@platform/libs/ids';
import { loans } from '@platform/loans/repositories/loans';
import { idempotently } from '@platform/loans/repositories/idempotency';
import { clockNow } from '@platform/loans/domain/clock';
import { applyFor, loanView } from '@platform/loans/domain/loan-changes';
import * as routes from '../routes.generated';

/** POST /loans/apply {principal, installments, every, purpose} (Idempotency-Key) -> 201 the loan, submitted. */
export const handler = route(routes.applyForLoan, ({ principal, body, idempotency }) =>
  idempotently(idempotency, async (record) => {
    const write = applyFor(newId(), actorOf(principal), body, clockNow());
    const reply = { statusCode: 201, body: loanView(write.loan) };
    await loans.create({ ...write, items: record(reply) });
    return reply;
  }),
);
