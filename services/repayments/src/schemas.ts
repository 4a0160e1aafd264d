/** Request bodies and queries of the repayments service. */
import type { Role } from '@platform/libs/auth';
import { schemas } from '@platform/libs/http';

export const METHODS = ['cash', 'bank_transfer', 'card', 'mobile_money'] as const;
/** Who records and reverses repayments. */
export const CASHIERS: readonly Role[] = ['accountant', 'admin'];

export const record = schemas.object(
  {
    loanId: schemas.id,
    amount: schemas.positiveMoney,
    paidOn: schemas.date,
    method: { type: 'string', enum: [...METHODS] },
    reference: { ...schemas.shortText, minLength: 1 },
  },
  ['loanId', 'amount', 'paidOn', 'method'],
);

export const reverse = schemas.object({ reason: { ...schemas.notes, minLength: 1 } }, ['reason']);

export const list = { ...schemas.pageQuery({ loanId: schemas.id }), required: ['loanId'] };
