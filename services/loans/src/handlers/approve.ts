import { approve } from '@platform/loans/domain/loan-changes';
import * as schemas from '../schemas';
import { transitionRoute } from '../transition-route';

/** POST /loans/{loanId}/approve {annualRatePercent, approvedPrincipal?, note?} (loan officer or admin, never their own). */
export const handler = transitionRoute(schemas.approve, approve);
