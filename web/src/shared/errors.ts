/**
 * Every failure of an API call as one value the UI can show: what kind it is (so the page knows
 * whether to offer a retry or a sign-in), a sentence for people, and the field messages of a
 * VALIDATION_FAILED reply keyed by field path ("principal.amount").
 */
export type ProblemKind = 'validation' | 'conflict' | 'rule' | 'network' | 'unavailable' | 'session' | 'forbidden' | 'not-found' | 'throttled' | 'other';

export interface ErrorBody {
  error?: { code?: string; message?: string; details?: Array<{ field?: string; message?: string; [key: string]: unknown }> };
  requestId?: string;
}

/** Sentences for the codes a person meets in these apps; the server's message otherwise. */
const SENTENCES: Record<string, string> = {
  INVALID_CREDENTIALS: 'That email and password do not match an account.',
  TOO_MANY_ATTEMPTS: 'Too many failed sign-ins for this email. Wait a few minutes, then try again.',
  EMAIL_TAKEN: 'An account with this email already exists.',
  INVALID_TRANSITION: 'This loan has moved on meanwhile, so that action is no longer possible. The page now shows its current state.',
  LOAN_NOT_DISBURSED: 'This loan has not been disbursed yet, so no repayment can be recorded.',
  LOAN_CLOSED: 'This loan is fully repaid: there is nothing left to pay.',
  LOAN_WRITTEN_OFF: 'This loan was written off: repayments can no longer be recorded or reversed.',
  ALREADY_REVERSED: 'This repayment was already reversed.',
  OVERPAYMENT: 'That is more than everything still owed on this loan.',
  CURRENCY_MISMATCH: 'The amount must be in the loan’s currency.',
  APPROVED_PRINCIPAL_TOO_HIGH: 'The approved amount cannot be more than the amount applied for.',
  DISBURSED_ON_IN_FUTURE: 'A disbursement can be dated at most 30 days ahead.',
  PAID_ON_IN_FUTURE: 'A repayment cannot be dated in the future.',
  PAID_ON_BEFORE_DISBURSEMENT: 'A repayment cannot be dated before the loan was disbursed.',
  SELF_APPROVAL: 'You cannot decide on your own application.',
  CANNOT_DEMOTE_SELF: 'You cannot remove your own admin role.',
  CANNOT_DISABLE_SELF: 'You cannot disable your own account.',
  VERSION_CONFLICT: 'Someone changed this meanwhile. Reload and try again.',
  CONCURRENT_UPDATE: 'The loan was busy with other changes. Try again.',
  IDEMPOTENCY_IN_PROGRESS: 'This submission is still being processed. Try again in a moment.',
  IDEMPOTENCY_KEY_REUSED: 'This form was changed after it was sent. Send it again as a new submission.',
  UPLOAD_MISMATCH: 'The uploaded file was not what was declared. Upload it again.',
};

export class ApiProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly status = 0,
    readonly code = '',
    readonly fields: Record<string, string> = {},
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** Worth offering "Try again" (with the same idempotency key)? */
  get retryable(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'unavailable' ||
      this.kind === 'throttled' ||
      this.code === 'IDEMPOTENCY_IN_PROGRESS' ||
      this.code === 'CONCURRENT_UPDATE'
    );
  }

  static network(): ApiProblem {
    return new ApiProblem('network', 'The server could not be reached. Check your connection, then try again.');
  }

  static fromReply(status: number, body: unknown): ApiProblem {
    const reply = (body ?? {}) as ErrorBody;
    const code = reply.error?.code ?? '';
    const serverMessage = reply.error?.message ?? `The request failed (HTTP ${status}).`;
    const message = SENTENCES[code] ?? serverMessage;
    if (status === 400 && code === 'VALIDATION_FAILED') {
      const fields: Record<string, string> = {};
      for (const detail of reply.error?.details ?? []) {
        if (detail.field && detail.message && !fields[detail.field]) fields[detail.field] = detail.message;
      }
      return new ApiProblem('validation', 'Some fields need attention.', status, code, fields, reply.requestId);
    }
    const kind: ProblemKind =
      status === 401
        ? 'session'
        : status === 403
          ? 'forbidden'
          : status === 404
            ? 'not-found'
            : status === 409
              ? 'conflict'
              : status === 422
                ? 'rule'
                : status === 429
                  ? 'throttled'
                  : status === 503 || status === 502 || status === 504
                    ? 'unavailable'
                    : 'other';
    const sentence =
      kind === 'unavailable'
        ? 'The service is unavailable for a moment. Try again shortly.'
        : kind === 'not-found' && !SENTENCES[code]
          ? 'This was not found, or is not yours to see.'
          : message;
    return new ApiProblem(kind, sentence, status, code, {}, reply.requestId);
  }
}

export const asProblem = (error: unknown): ApiProblem =>
  error instanceof ApiProblem ? error : new ApiProblem('other', error instanceof Error ? error.message : 'Something went wrong.');
