import { withdraw } from '../loan-actions';
import * as schemas from '../schemas';
import { transitionRoute } from '../transitions';

/** POST /loans/{loanId}/withdraw {reason?} (the borrower, while submitted or approved). */
export const handler = transitionRoute(schemas.withdraw, withdraw, { bodyOptional: true });
