/** The loans service's routes: what each accepts and answers. `npm run contract` generates from here the route table its handlers load (routes.generated.js, with the validators), the types and OpenAPI. */
import { ROLES, STAFF_ROLES } from '@platform/libs/auth';
import {
  Body,
  Currency,
  DateOnly,
  defineRoutes,
  Id,
  IdParams,
  Instant,
  Money,
  Notes,
  Nullable,
  Page,
  PageQuery,
  PositiveMoney,
  RequiredText,
  Stamps,
  StringEnum,
} from '@platform/libs/contract';
import { LOAN_ACTIONS, LOAN_STATES } from '@platform/loans/domain/lifecycle';
import { MAX_ANNUAL_RATE_PERCENT, MAX_INSTALLMENTS, MAX_PERIOD_LENGTH, PERIOD_UNITS } from '@platform/loans/domain/schedule';
import { MONEY_FIGURES } from '@platform/loans/domain/statistics';
import { DOCUMENT_KINDS, DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from '@platform/loans/model';
import { type TSchema, Type } from '@sinclair/typebox';

const Literals = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  );

// ---- request pieces ----

const RATE_PATTERN = '^\\d{1,4}(\\.\\d{1,10})?$';
/** Decimal text ("9.4822"), or a JSON number read by its decimal text; the schedule checks the rest. */
const RateIn = Type.Union([Type.String({ pattern: RATE_PATTERN }), Type.Number({ minimum: 0, maximum: MAX_ANNUAL_RATE_PERCENT })], {
  description: `annual interest rate in percent, 0 to ${MAX_ANNUAL_RATE_PERCENT}: decimal text (preferred, read exactly) or a JSON number`,
  examples: ['12', '9.4822'],
});
const InstallmentsIn = Type.Integer({ minimum: 1, maximum: MAX_INSTALLMENTS, description: 'number of installments' });
const EveryIn = Body(
  { unit: StringEnum(PERIOD_UNITS), n: Type.Integer({ minimum: 1, maximum: MAX_PERIOD_LENGTH }) },
  { description: 'the period between installments, e.g. {"unit": "months", "n": 1}' },
);
const LoanParams = IdParams('loanId');

// ---- replies ----

const Role = Literals(ROLES);
const Actor = Type.Object(
  { userId: Type.String(), roles: Type.Array(Role) },
  { additionalProperties: false, description: 'who acted, with the roles they held' },
);
const Rate = Type.String({ pattern: RATE_PATTERN, description: 'annual interest rate in percent, decimal text', examples: ['12', '9.4822'] });
const Every = Type.Object({ unit: Literals(PERIOD_UNITS), n: Type.Integer({ minimum: 1, maximum: MAX_PERIOD_LENGTH }) }, { additionalProperties: false });
const Status = Literals(LOAN_STATES);
const Count = Type.Integer({ minimum: 0 });
const MoneyOf = (description: string) => Type.Object(Money.properties, { additionalProperties: false, description });

const Decision = Type.Object(
  {
    action: Literals(['approve', 'reject'] as const),
    by: Actor,
    at: Instant,
    note: Type.Optional(Type.String({ description: 'the approval note, when one was given' })),
    reason: Type.Optional(Type.String({ description: 'the rejection reason' })),
  },
  { additionalProperties: false },
);

/** A loan as every route answers it (the schedule has its own route). */
export const Loan = Type.Object(
  {
    id: Id,
    borrowerId: Type.String(),
    status: Status,
    principal: Money,
    approvedPrincipal: Nullable(Money),
    annualRatePercent: Nullable(Rate),
    installments: Type.Integer({ minimum: 1, maximum: MAX_INSTALLMENTS }),
    every: Every,
    purpose: Type.String(),
    decision: Nullable(Decision),
    disbursedOn: Nullable(DateOnly),
    totalInterest: Nullable(MoneyOf('scheduled interest, fixed at disbursement')),
    outstanding: MoneyOf('principal and scheduled interest still owed; 0 before disbursement'),
    outstandingPrincipal: Money,
    ...Stamps,
  },
  { additionalProperties: false },
);

const Installment = Type.Object(
  {
    number: Type.Integer({ minimum: 1 }),
    dueDate: DateOnly,
    principal: Money,
    interest: Money,
    total: Money,
    paid: Money,
    outstanding: Money,
    daysOverdue: Type.Integer({ minimum: 0, description: 'days past the due date while not fully paid; 0 otherwise' }),
  },
  { additionalProperties: false },
);

/** A schedule's totals and rows, as of a date. */
const scheduleFields = {
  currency: Currency,
  principal: Money,
  totalInterest: Money,
  totalPayable: Money,
  installments: Type.Array(Installment),
  outstanding: Money,
  outstandingPrincipal: Money,
};

const HistoryEntry = Type.Object(
  {
    at: Instant,
    actor: Actor,
    action: Literals([...LOAN_ACTIONS, 'repayment', 'repayment_reversed'] as const),
    from: Type.Optional(Status),
    to: Type.Optional(Status),
    amount: Type.Optional(Money),
    details: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: "the action's own facts: terms (apply), rate and note (approve), reason, disbursedOn and totals, a repayment's id and allocation",
      }),
    ),
  },
  { additionalProperties: false },
);

const figures = Object.fromEntries(MONEY_FIGURES.map((f) => [f, Money])) as Record<(typeof MONEY_FIGURES)[number], typeof Money>;
const CurrencyFigures = Type.Object(
  {
    ...figures,
    overdueLoans: Count,
    overdueAmount: Money,
    par30: Type.String({ pattern: '^\\d+\\.\\d{4}$', description: 'portfolio at risk over 30 days, a ratio with 4 places', examples: ['0.0125'] }),
  },
  { additionalProperties: false },
);

/** A money figure of the counters: it may be negative only while drift is being reported. */
const SignedMoney = Type.Object(
  { amount: Type.Integer({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }), currency: Type.String() },
  { additionalProperties: false },
);
const Drift = Type.Object(
  {
    figure: Type.String({ examples: ['totalRepaid', 'countsByStatus.active'] }),
    currency: Type.Optional(Type.String()),
    was: Type.Union([Type.Integer(), SignedMoney]),
    now: Type.Union([Type.Integer(), SignedMoney]),
  },
  { additionalProperties: false },
);

const Document = {
  id: Id,
  loanId: Id,
  kind: Literals(DOCUMENT_KINDS),
  contentType: Literals(DOCUMENT_TYPES),
  size: Type.Integer({ minimum: 1, maximum: MAX_DOCUMENT_BYTES }),
  createdAt: Instant,
};

const Upload = Type.Object(
  {
    url: Type.String({ description: 'the bucket URL to POST the form to' }),
    fields: Type.Record(Type.String(), Type.String(), { description: 'form fields to send as they are (key, policy, signature...), before the file' }),
  },
  { additionalProperties: false },
);

const transitionErrors = [403, 404, 409, 422] as const;
const transition = <B extends TSchema>(summary: string, description: string, body: B, bodyOptional = false) => ({
  method: 'POST' as const,
  summary,
  description: `${description} Honours an optional Idempotency-Key. 404 for a loan you may not see; 409 INVALID_TRANSITION from the wrong state, CONCURRENT_UPDATE when writers kept clashing (retry).`,
  idempotency: 'optional' as const,
  params: LoanParams,
  body,
  bodyOptional,
  responses: { 200: Loan },
  errors: transitionErrors,
});

export const routes = defineRoutes('loans', {
  quoteLoan: {
    method: 'POST',
    path: '/loans/quote',
    summary: 'The schedule these terms would have (nothing is stored)',
    description: 'Equal installments on a declining balance, 30/360, figures rounded half-even to the minor unit. disbursedOn defaults to today (UTC).',
    body: Body({ principal: PositiveMoney, annualRatePercent: RateIn, installments: InstallmentsIn, every: EveryIn, disbursedOn: Type.Optional(DateOnly) }),
    responses: { 200: Type.Object({ disbursedOn: DateOnly, ...scheduleFields }, { additionalProperties: false }) },
  },
  applyForLoan: {
    method: 'POST',
    path: '/loans/apply',
    summary: 'Apply for a loan (the borrower is the caller)',
    description:
      'Requires an Idempotency-Key: a retry with the same key and body answers the first reply; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED.',
    idempotency: 'required',
    body: Body({ principal: PositiveMoney, installments: InstallmentsIn, every: EveryIn, purpose: RequiredText }),
    responses: { 201: Loan },
    errors: [409, 422],
  },
  listLoans: {
    method: 'GET',
    path: '/loans',
    summary: 'Your loans, or every loan for staff; newest first',
    query: PageQuery({ status: Type.Optional(StringEnum(LOAN_STATES)) }),
    responses: { 200: Page(Loan) },
  },
  getLoan: {
    method: 'GET',
    path: '/loans/{loanId}',
    summary: 'One loan: the borrower their own, staff any',
    params: LoanParams,
    responses: { 200: Loan },
    errors: [404],
  },
  getLoanSchedule: {
    method: 'GET',
    path: '/loans/{loanId}/schedule',
    summary: 'The schedule fixed at disbursement, with paid, outstanding and days overdue as of today (UTC)',
    description: '409 LOAN_NOT_DISBURSED before disbursement: the schedule is fixed by disbursedOn.',
    params: LoanParams,
    responses: {
      200: Type.Object({ loanId: Id, status: Status, disbursedOn: DateOnly, asOf: DateOnly, ...scheduleFields }, { additionalProperties: false }),
    },
    errors: [404, 409],
  },
  getLoanHistory: {
    method: 'GET',
    path: '/loans/{loanId}/history',
    summary: 'Every transition and money movement of a loan, oldest first',
    params: LoanParams,
    query: PageQuery({}),
    responses: { 200: Page(HistoryEntry) },
    errors: [404],
  },
  approveLoan: {
    path: '/loans/{loanId}/approve',
    ...transition(
      'Approve a submitted application at a rate (loan officer or admin, never their own: 403 SELF_APPROVAL)',
      'approvedPrincipal defaults to the amount applied for; more is 422 APPROVED_PRINCIPAL_TOO_HIGH, another currency 422 CURRENCY_MISMATCH.',
      Body({ annualRatePercent: RateIn, approvedPrincipal: Type.Optional(PositiveMoney), note: Type.Optional(Notes) }),
    ),
  },
  rejectLoan: {
    path: '/loans/{loanId}/reject',
    ...transition(
      'Reject a submitted application (loan officer or admin, never their own: 403 SELF_APPROVAL)',
      'The reason is required.',
      Body({ reason: RequiredText }),
    ),
  },
  withdrawLoan: {
    path: '/loans/{loanId}/withdraw',
    ...transition(
      'Withdraw an application while submitted or approved (the borrower)',
      'The body may be absent.',
      Body({ reason: Type.Optional(Notes) }),
      true,
    ),
  },
  disburseLoan: {
    path: '/loans/{loanId}/disburse',
    ...transition(
      'Disburse an approved loan (accountant or admin): it becomes active and its schedule is fixed from disbursedOn',
      'disbursedOn may be any earlier date (a loan moved in from another book) or up to 30 days ahead; later is 422 DISBURSED_ON_IN_FUTURE.',
      Body({ disbursedOn: DateOnly }),
    ),
  },
  writeOffLoan: {
    path: '/loans/{loanId}/write-off',
    ...transition(
      'Write off an active loan (admin): what is still owed stays on the loan and leaves the outstanding portfolio',
      'Terminal. The body may be absent.',
      Body({ reason: Type.Optional(Notes) }),
      true,
    ),
  },
  getLoanStatistics: {
    method: 'GET',
    path: '/loans/stats/summary',
    summary: 'Portfolio statistics (staff): counts by status and money figures per currency',
    description:
      'Counters are live; overdueLoans, overdueAmount and par30 are as of `asOf` (the daily refresh; before any refresh, the time of the reply with those figures 0). Only currencies with a disbursed loan appear.',
    roles: STAFF_ROLES,
    responses: {
      200: Type.Object(
        {
          asOf: Instant,
          countsByStatus: Type.Object(Object.fromEntries(LOAN_STATES.map((s) => [s, Count])) as Record<(typeof LOAN_STATES)[number], typeof Count>, {
            additionalProperties: false,
          }),
          byCurrency: Type.Record(Type.String(), CurrencyFigures, { description: 'ISO 4217 code -> its figures' }),
        },
        { additionalProperties: false },
      ),
    },
  },
  rebuildLoanStatistics: {
    method: 'POST',
    path: '/loans/stats/rebuild',
    summary: 'Recompute every statistics counter from the loans and correct the drift (admin)',
    description:
      'Answers each figure that differed, as it was and as it is now; also refreshes the overdue figures. 409 CONCURRENT_UPDATE when loans kept changing meanwhile.',
    roles: ['admin'],
    responses: { 200: Type.Object({ asOf: Instant, drift: Type.Array(Drift) }, { additionalProperties: false }) },
    errors: [409],
  },
  createLoanDocument: {
    method: 'POST',
    path: '/loans/{loanId}/documents',
    summary: "Start the upload of a document for one's own loan (the borrower; staff 403)",
    description:
      'Answers a presigned POST whose policy pins the key, the content type and the exact declared size (at most 20 MiB), valid 5 minutes. Allowed in every state of the loan.',
    params: LoanParams,
    body: Body({
      kind: StringEnum(DOCUMENT_KINDS),
      contentType: StringEnum(DOCUMENT_TYPES),
      size: Type.Integer({ minimum: 1, maximum: MAX_DOCUMENT_BYTES, description: 'the exact size of the file, in bytes' }),
    }),
    responses: {
      201: Type.Object(
        { ...Document, documentId: Id, upload: Upload, expiresAt: Type.String({ format: 'date-time', description: 'when the upload form stops working' }) },
        { additionalProperties: false },
      ),
    },
    errors: [403, 404],
  },
  listLoanDocuments: {
    method: 'GET',
    path: '/loans/{loanId}/documents',
    summary: "A loan's documents, oldest first, with a download link once uploaded",
    description: 'status: uploaded (type and size as declared; url valid 5 minutes), pending (nothing yet) or invalid (another type or size; no link).',
    params: LoanParams,
    query: PageQuery({}),
    responses: {
      200: Page(
        Type.Object(
          {
            ...Document,
            status: Literals(['uploaded', 'pending', 'invalid'] as const),
            url: Nullable(Type.String({ description: 'presigned GET, valid 5 minutes' })),
            expiresAt: Nullable(Instant),
          },
          { additionalProperties: false },
        ),
      ),
    },
    errors: [404],
  },
});
