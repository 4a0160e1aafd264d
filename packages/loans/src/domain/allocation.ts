/**
 * Where a repayment goes: interest then principal of the oldest installment not fully paid, then
 * the next, in order. Interest is as scheduled (paying early does not recompute it). Pure: the
 * caller stores `perInstallment` with the repayment so a reversal can give back exactly that.
 */
import { format, type Money } from '@platform/libs/money';
import { BusinessRule, ValidationError } from '@platform/libs/errors';
import { installmentOutstanding, type InstallmentState } from './schedule';

/** What one repayment took from one installment. */
export interface InstallmentAllocation {
  number: number;
  interest: Money;
  principal: Money;
}

export interface RepaymentAllocation {
  /** Totals of the payment split, as POST /repayments replies. */
  allocation: { interest: Money; principal: Money };
  /** Only the installments the payment touched, oldest first. */
  perInstallment: InstallmentAllocation[];
  /** The schedule after the payment (new objects; the input is not changed). */
  installments: InstallmentState[];
  /** Everything still owed after the payment; 0 means this payment closes the loan. */
  outstanding: Money;
}

const m = (amount: number, currency: string): Money => ({ amount, currency });
const byNumber = (a: { number: number }, b: { number: number }): number => a.number - b.number;

/** Everything still owed on a schedule, in minor units. */
export function totalOutstanding(installments: readonly InstallmentState[]): number {
  return installments.reduce((total, row) => total + installmentOutstanding(row), 0);
}

/**
 * Splits `amount` over the schedule. Throws ValidationError when the amount is not a positive
 * whole number of minor units, BusinessRule CURRENCY_MISMATCH / OVERPAYMENT when it cannot apply.
 */
export function allocateRepayment(installments: readonly InstallmentState[], amount: Money): RepaymentAllocation {
  if (!Number.isSafeInteger(amount?.amount) || amount.amount <= 0) {
    throw new ValidationError('Invalid repayment amount', [{ field: 'amount.amount', message: 'must be a positive whole number of minor units' }]);
  }
  const currency = installments[0]?.principal.currency ?? amount.currency;
  if (amount.currency !== currency) {
    throw new BusinessRule(`repayment is in ${amount.currency} but the loan is in ${currency}`, 'CURRENCY_MISMATCH', [
      { field: 'amount.currency', message: `must be ${currency}` },
    ]);
  }
  const owed = totalOutstanding(installments);
  if (amount.amount > owed) {
    throw new BusinessRule(`repayment of ${format(amount)} is more than the ${format(m(owed, currency))} outstanding`, 'OVERPAYMENT', [
      { field: 'amount.amount', message: `must be at most ${owed}`, outstanding: m(owed, currency) },
    ]);
  }

  let left = amount.amount;
  let interestTotal = 0;
  let principalTotal = 0;
  const perInstallment: InstallmentAllocation[] = [];
  const updated = [...installments].sort(byNumber).map((row): InstallmentState => {
    if (left === 0) return { ...row };
    const interest = Math.min(left, row.interest.amount - row.paidInterest);
    left -= interest;
    const principal = Math.min(left, row.principal.amount - row.paidPrincipal);
    left -= principal;
    if (interest === 0 && principal === 0) return { ...row };
    interestTotal += interest;
    principalTotal += principal;
    perInstallment.push({ number: row.number, interest: m(interest, currency), principal: m(principal, currency) });
    return { ...row, paidInterest: row.paidInterest + interest, paidPrincipal: row.paidPrincipal + principal };
  });

  return {
    allocation: { interest: m(interestTotal, currency), principal: m(principalTotal, currency) },
    perInstallment,
    installments: updated,
    outstanding: m(owed - amount.amount, currency),
  };
}

/**
 * Gives back exactly what one allocation took, installment by installment. Later payments stay
 * where they were allocated, so each repayment's stored `perInstallment` remains reversible.
 * A part that does not match the schedule means the stored data is inconsistent: a bug, not input.
 */
export function reverseAllocation(installments: readonly InstallmentState[], perInstallment: readonly InstallmentAllocation[]): InstallmentState[] {
  const updated = [...installments].sort(byNumber).map((row) => ({ ...row }));
  const rows = new Map(updated.map((row) => [row.number, row]));
  for (const part of perInstallment) {
    const row = rows.get(part.number);
    if (!row) throw new Error(`reversal refers to installment ${part.number}, which the schedule does not have`);
    const currency = row.principal.currency;
    if (part.interest.currency !== currency || part.principal.currency !== currency) {
      throw new Error(`reversal of installment ${part.number} is not in the loan's currency ${currency}`);
    }
    if (part.interest.amount < 0 || part.principal.amount < 0 || part.interest.amount > row.paidInterest || part.principal.amount > row.paidPrincipal) {
      throw new Error(`reversal of installment ${part.number} takes back more than was paid on it`);
    }
    row.paidInterest -= part.interest.amount;
    row.paidPrincipal -= part.principal.amount;
  }
  return updated;
}
