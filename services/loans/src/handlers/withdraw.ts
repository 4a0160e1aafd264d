import { withdraw } from '@platform/loans/domain/loan-changes';
import * as schemas from '../schemas';
import { transitionRoute } from '../transition-route';

/** POST /loans/{loanId}/withdraw {reason?} (the borrower, while submitted or approved). */
export const handler = transitionRoute(schemas.withdraw, withdraw, { bodyOptional: true });
