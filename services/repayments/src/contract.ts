/** The repayments service's routes: what each accepts and answers. `npm run contract` generates from here the route table its handlers load (routes.generated.js, with the validators), the types and OpenAPI. */
import { ROLES } from '@platform/libs/auth';
import {
  Body,
  DateOnly,
  defineRoutes,
  Id,
  IdParams,
  Instant,
  LIMITS,
  Money,
  Nullable,
  Page,
  PageQuery,
  PositiveMoney,
  RequiredText,
  Stamps,
  StringEnum,
} from '@platform/libs/contract';
import { CASHIERS, LOAN_STATES } from '@platform/loans/domain/lifecycle';
import { REPAYMENT_METHODS, REPAYMENT_STATUSES } from '@platform/loans/model';
import { Type } from '@sinclair/typebox';

const Literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const Actor = Type.Object(
  { userId: Type.String(), roles: Type.Array(Literals(ROLES)) },
  { additionalProperties: false, description: 'who acted, with the roles they held' },
);
const Split = Type.Object({ interest: Money, principal: Money }, { additionalProperties: false, description: 'how the payment was split' });

/** A repayment as every route answers it. */
export const Repayment = Type.Object(
  {
    id: Id,
    loanId: Id,
    borrowerId: Type.String(),
    amount: Money,
    paidOn: DateOnly,
    method: Literals(REPAYMENT_METHODS),
    reference: Nullable(Type.String()),
    allocation: Split,
    perInstallment: Type.Array(Type.Object({ number: Type.Integer({ minimum: 1 }), interest: Money, principal: Money }, { additionalProperties: false }), {
      description: 'what it took from each installment, oldest first: exactly what a reversal gives back',
    }),
    status: Literals(REPAYMENT_STATUSES),
    recordedBy: Actor,
    reversal: Nullable(Type.Object({ at: Instant, by: Actor, reason: Type.String() }, { additionalProperties: false })),
    ...Stamps,
  },
  { additionalProperties: false },
);

/** The loan's balances after the change. */
const LoanBalances = Type.Object(
  { id: Id, outstanding: Money, outstandingPrincipal: Money, status: Literals(LOAN_STATES), version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const routes = defineRoutes('repayments', {
  recordRepayment: {
    method: 'POST',
    path: '/repayments',
    summary: 'Record a repayment on an active loan (accountant or admin)',
    description:
      'Pays interest then principal of the oldest installment not fully paid, then the next. The payment that clears the schedule closes the loan. Requires an Idempotency-Key (422 IDEMPOTENCY_KEY_REUSED with another body). 404 unknown loan; 409 LOAN_NOT_DISBURSED, LOAN_CLOSED, LOAN_WRITTEN_OFF, CONCURRENT_UPDATE; 422 CURRENCY_MISMATCH, OVERPAYMENT (the outstanding in details), PAID_ON_IN_FUTURE, PAID_ON_BEFORE_DISBURSEMENT.',
    roles: CASHIERS,
    idempotency: 'required',
    body: Body({
      loanId: Id,
      amount: PositiveMoney,
      paidOn: DateOnly,
      method: StringEnum(REPAYMENT_METHODS),
      reference: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.name, description: 'a bank or receipt reference' })),
    }),
    responses: { 201: Type.Object({ repayment: Repayment, allocation: Split, loan: LoanBalances }, { additionalProperties: false }) },
    errors: [404, 409, 422],
  },
  reverseRepayment: {
    method: 'POST',
    path: '/repayments/{repaymentId}/reverse',
    summary: 'Reverse a repayment (accountant or admin): the loan gets back exactly what it took',
    description:
      'A closed loan reopens. Honours an optional Idempotency-Key. 404 unknown repayment; 409 ALREADY_REVERSED, LOAN_WRITTEN_OFF, CONCURRENT_UPDATE.',
    roles: CASHIERS,
    idempotency: 'optional',
    params: IdParams('repaymentId'),
    body: Body({ reason: RequiredText }),
    responses: { 200: Type.Object({ repayment: Repayment, loan: LoanBalances }, { additionalProperties: false }) },
    errors: [404, 409, 422],
  },
  listRepayments: {
    method: 'GET',
    path: '/repayments',
    summary: "A loan's repayments, newest first (staff, or the borrower of the loan)",
    query: PageQuery({ loanId: Id }),
    responses: { 200: Page(Repayment) },
    errors: [404],
  },
  getRepayment: {
    method: 'GET',
    path: '/repayments/{repaymentId}',
    summary: 'One repayment (staff, or the borrower of its loan)',
    params: IdParams('repaymentId'),
    responses: { 200: Repayment },
    errors: [404],
  },
});
