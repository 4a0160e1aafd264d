/**
 * The Skycap Loans model: what a loan, its history, its repayments, its documents and the
 * portfolio statistics are. Plain types; the domain decides, the repositories store.
 */
import type { Actor } from '@platform/libs/auth';
import type { Money } from '@platform/libs/money';
import type { LoanState } from './domain/lifecycle';

export type { Actor } from '@platform/libs/auth';
export type { LoanState } from './domain/lifecycle';

/** One installment as the loan keeps it (the shape of the domain's InstallmentState). */
export interface LoanInstallment {
  number: number;
  dueDate: string;
  principal: Money;
  interest: Money;
  total: Money;
  paidPrincipal: number;
  paidInterest: number;
}

export interface LoanDecision {
  action: 'approve' | 'reject';
  by: Actor;
  at: string;
  note?: string;
  reason?: string;
}

export interface LoanRecord {
  id: string;
  borrowerId: string;
  status: LoanState;
  principal: Money;
  approvedPrincipal: Money | null;
  annualRatePercent: string | null;
  installments: number;
  every: { unit: 'months' | 'weeks'; n: number };
  purpose: string;
  decision: LoanDecision | null;
  disbursedOn: string | null;
  /** Fixed at disbursement; null before. */
  schedule: LoanInstallment[] | null;
  totalInterest: Money | null;
  outstanding: Money;
  outstandingPrincipal: Money;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface HistoryEntry {
  at: string;
  actor: Actor;
  action: string;
  from?: LoanState;
  to?: LoanState;
  amount?: Money;
  details?: Record<string, unknown>;
}

/** What a decision writes: the loan's next state and everything that changes with it. */
export interface LoanWrite<T = undefined> {
  loan: LoanRecord;
  history: HistoryEntry[];
  counters?: CounterDelta;
  result: T;
}

export const REPAYMENT_METHODS = ['cash', 'bank_transfer', 'card', 'mobile_money'] as const;
export type RepaymentMethod = (typeof REPAYMENT_METHODS)[number];

export const REPAYMENT_STATUSES = ['recorded', 'reversed'] as const;
export type RepaymentStatus = (typeof REPAYMENT_STATUSES)[number];

export interface RepaymentPart {
  number: number;
  interest: Money;
  principal: Money;
}

export interface RepaymentReversal {
  at: string;
  by: Actor;
  reason: string;
}

export interface RepaymentRecord {
  id: string;
  loanId: string;
  borrowerId: string;
  amount: Money;
  paidOn: string;
  method: RepaymentMethod;
  reference: string | null;
  allocation: { interest: Money; principal: Money };
  /** What it took from each installment: what a reversal gives back. */
  perInstallment: RepaymentPart[];
  status: RepaymentStatus;
  recordedBy: Actor;
  reversal: RepaymentReversal | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const DOCUMENT_KINDS = ['id', 'proof_of_income', 'proof_of_address', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** What a loan document may be: these types, at most 20 MiB. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export interface LoanDocumentRecord {
  id: string;
  loanId: string;
  borrowerId: string;
  kind: DocumentKind;
  contentType: string;
  size: number;
  /** the object key in the bucket */
  key: string;
  createdAt: string;
}

/** Figure name -> amount to add (counts, or minor units), e.g. {"count.active": 1, "USD.totalRepaid": 1725}. */
export type CounterDelta = Record<string, number>;

export interface OverdueFigures {
  overdueLoans: number;
  overdueAmount: number;
  par30Principal: number;
  outstandingPrincipal: number;
}

export interface OverdueSnapshot {
  /** The instant the figures were computed, and the calendar date days overdue were counted to. */
  asOf: string;
  asOfDate: string;
  byCurrency: Record<string, OverdueFigures>;
}
