/** Loans for unit tests: actors, a clock, and a loan taken through apply -> approve -> disburse. */

import { applyFor, approve, disburse, type Clock } from '../src/domain/loan-changes';
import type { LoanRecord } from '../src/model';
import type { Actor } from '@platform/libs/auth';

export const borrower: Actor = { userId: 'borrower-1', roles: ['user'] };
export const officer: Actor = { userId: 'officer-1', roles: ['user', 'loan_officer'] };
export const accountant: Actor = { userId: 'accountant-1', roles: ['user', 'accountant'] };
export const admin: Actor = { userId: 'admin-1', roles: ['user', 'admin'] };

export const clock: Clock = { now: '2024-08-01T10:00:00.000Z', today: '2024-08-01' };

export function submitted(over: { amount?: number; currency?: string; installments?: number; id?: string } = {}): LoanRecord {
  const body = {
    principal: { amount: over.amount ?? 10_000, currency: over.currency ?? 'USD' },
    installments: over.installments ?? 6,
    every: { unit: 'months' as const, n: 1 },
    purpose: 'a delivery motorbike',
  };
  return applyFor(over.id ?? 'loan-1', borrower, body, clock).loan;
}

export const approved = (over: Parameters<typeof submitted>[0] = {}): LoanRecord => approve(submitted(over), officer, { annualRatePercent: '12' }, clock).loan;

/** The Fineract reference loan (100.00 USD, 12 %, 6 monthly) disbursed 2024-01-01. */
export const active = (over: Parameters<typeof submitted>[0] = {}): LoanRecord =>
  disburse(approved(over), accountant, { disbursedOn: '2024-01-01' }, clock).loan;
