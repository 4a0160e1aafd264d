/**
 * One route per loan action (approve, reject, withdraw, disburse, write-off): read the loan the
 * caller may see (404 otherwise), let the action decide (403/409/422), write it in one
 * transaction with its history and statistics, answer the loan. An Idempotency-Key is optional
 * here (the state machine already refuses a second disbursement) and honoured when sent.
 */
import { actorOf } from '@platform/libs/auth';
import type { BodyOf, RouteEntry } from '@platform/libs/contract';
import { route, pathId } from '@platform/libs/http';
import { loans } from '@platform/loans/repositories/loans';
import { idempotently } from '@platform/loans/repositories/idempotency';
import { readableBy } from '@platform/loans/domain/visibility';
import { clockNow } from '@platform/loans/domain/clock';
import { loanView, type Clock } from '@platform/loans/domain/loan-changes';
import type { LoanRecord, LoanWrite } from '@platform/loans/model';
import type { Actor } from '@platform/libs/auth';

type Action<B> = (loan: LoanRecord, actor: Actor, body: B, clock: Clock) => LoanWrite;

/** The route of one transition: its entry in the route table (body, bodyOptional, the optional Idempotency-Key) and the domain action. */
export function transitionRoute<R extends RouteEntry>(entry: R, action: Action<BodyOf<R>>) {
  return route(entry, async ({ params, principal, body, idempotency }) => {
    const loanId = pathId(params, 'loanId', 'Loan');
    return idempotently(idempotency, async (record) => {
      const { result } = await loans.update(loanId, (current) => {
        const write = action(readableBy(current, principal), actorOf(principal), body, clockNow());
        const reply = { statusCode: 200, body: loanView(write.loan) };
        return { ...write, items: record(reply), result: reply };
      });
      return result;
    });
  });
}
