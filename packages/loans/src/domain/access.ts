/** Who may see a loan (or a repayment of it), and the small request helpers every loan route shares. */
import { isStaff, type Principal } from '@platform/libs/auth';
import { NotFound } from '@platform/libs/errors';
import { isId } from '@platform/libs/ids';
import type { Actor } from '../repositories/loans';

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, roles: [...p.roles] });

/** The borrower sees their own, staff see all; anyone else gets 404 (existence does not leak). */
export function readableBy<T extends { borrowerId: string }>(item: T | undefined, p: Principal, what = 'Loan'): T {
  if (!item || (item.borrowerId !== p.userId && !isStaff(p))) throw new NotFound(what);
  return item;
}

/** A path id that is not a ULID names nothing: 404, like an id that does not exist. */
export function idFrom(params: Record<string, string>, name: string, what: string): string {
  const id = params[name];
  if (!isId(id)) throw new NotFound(what);
  return id;
}

/** The Idempotency-Key where it is optional (transitions): honoured when sent. */
export const optionalIdempotencyKey = (headers: Record<string, string | undefined>): string | undefined => headers['idempotency-key']?.trim() || undefined;
