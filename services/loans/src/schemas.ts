/** Request bodies and queries of the loans service: one schema each, to validate and to document. */
import { schemas } from '@platform/libs/http';
import { LOAN_STATES } from '@platform/loans/domain/lifecycle';
import { MAX_ANNUAL_RATE_PERCENT, MAX_INSTALLMENTS } from '@platform/loans/domain/schedule';

/** Decimal text ("9.4822"), or a JSON number read by its decimal text; the schedule checks the rest. */
const rate = {
  anyOf: [
    { type: 'string', pattern: '^\\d{1,4}(\\.\\d{1,10})?$' },
    { type: 'number', minimum: 0, maximum: MAX_ANNUAL_RATE_PERCENT },
  ],
} as const;
const installments = { type: 'integer', minimum: 1, maximum: MAX_INSTALLMENTS } as const;
const every = schemas.object({ unit: { type: 'string', enum: ['months', 'weeks'] }, n: { type: 'integer', minimum: 1, maximum: 120 } }, ['unit', 'n']);
const requiredText = { ...schemas.notes, minLength: 1 } as const;

export const quote = schemas.object({ principal: schemas.positiveMoney, annualRatePercent: rate, installments, every, disbursedOn: schemas.date }, [
  'principal',
  'annualRatePercent',
  'installments',
  'every',
]);

export const apply = schemas.object({ principal: schemas.positiveMoney, installments, every, purpose: requiredText }, [
  'principal',
  'installments',
  'every',
  'purpose',
]);

export const approve = schemas.object({ annualRatePercent: rate, approvedPrincipal: schemas.positiveMoney, note: schemas.notes }, ['annualRatePercent']);
export const reject = schemas.object({ reason: requiredText }, ['reason']);
export const withdraw = schemas.object({ reason: schemas.notes });
export const disburse = schemas.object({ disbursedOn: schemas.date }, ['disbursedOn']);
export const writeOff = schemas.object({ reason: schemas.notes });

export const listLoans = schemas.pageQuery({ status: { type: 'string', enum: [...LOAN_STATES] } });
export const page = schemas.pageQuery();

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
export const DOCUMENT_KINDS = ['id', 'proof_of_income', 'proof_of_address', 'other'] as const;
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const document = schemas.object(
  {
    kind: { type: 'string', enum: [...DOCUMENT_KINDS] },
    contentType: { type: 'string', enum: [...DOCUMENT_TYPES] },
    size: { type: 'integer', minimum: 1, maximum: MAX_DOCUMENT_BYTES },
  },
  ['kind', 'contentType', 'size'],
);
