/**
 * The accountant records a repayment (amount, date, method, reference) and sees how it was
 * allocated: interest first, then principal, oldest installment first. One Idempotency-Key per
 * submission: a double click or a retry records it once.
 */
import { type FormEvent, useCallback, useState } from 'react';
import { todayUtc } from '../../../shared/dates';
import { ProblemMessage, SelectField, TextField } from '../../../shared/forms';
import { useSubmission } from '../../../shared/hooks';
import { formatMoney, parseMoney } from '../../../shared/money';
import { Card } from '../../../shared/ui';
import type { Loan } from '../../components/LoanTable';
import { api } from '../../platform';

const METHODS = [
  { value: 'bank_transfer', label: 'Bank transfer' },
  { value: 'cash', label: 'Cash' },
  { value: 'card', label: 'Card' },
  { value: 'mobile_money', label: 'Mobile money' },
] as const;
type Method = (typeof METHODS)[number]['value'];

export function RepaymentForm({ loan, onDone }: { loan: Loan; onDone: (message: string) => void }) {
  const currency = loan.principal.currency;
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(todayUtc());
  const [method, setMethod] = useState<Method>('bank_transfer');
  const [reference, setReference] = useState('');
  const minor = parseMoney(amount, currency);

  const send = useCallback(
    (key: string) =>
      api.call((c) =>
        c.POST('/repayments', {
          params: { header: { 'Idempotency-Key': key } },
          body: { loanId: loan.id, amount: { amount: minor ?? 0, currency }, paidOn, method, ...(reference.trim() ? { reference } : {}) },
        }),
      ),
    [loan.id, minor, currency, paidOn, method, reference],
  );
  const done = useCallback(
    (result: Awaited<ReturnType<typeof send>>) => {
      setAmount('');
      setReference('');
      const { repayment, allocation, loan: after } = result;
      onDone(
        `Recorded ${formatMoney(repayment.amount)} paid on ${repayment.paidOn}: ${formatMoney(allocation.interest)} to interest and ${formatMoney(allocation.principal)} to principal. ` +
          (after.status === 'closed' ? 'The loan is now fully repaid and closed.' : `Still owed: ${formatMoney(after.outstanding)}.`),
      );
    },
    [onDone],
  );
  const submission = useSubmission(send, done);
  const amountError = amount.trim() && minor === undefined ? `Enter an amount in ${currency}` : undefined;

  return (
    <Card title="Record a repayment" id="repay">
      <p className="muted">Still owed: {formatMoney(loan.outstanding)}.</p>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (!amountError) void submission.submit();
        }}
        noValidate
      >
        <div className="form-row">
          <TextField
            label={`Amount (${currency})`}
            name="amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            field="amount"
            problem={submission.problem}
            error={amountError}
            required
          />
          <TextField
            label="Paid on"
            type="date"
            name="paidOn"
            value={paidOn}
            onChange={(e) => setPaidOn(e.target.value)}
            field="paidOn"
            problem={submission.problem}
            required
          />
          <SelectField
            label="Method"
            name="method"
            value={method}
            onChange={(e) => setMethod(e.target.value as Method)}
            field="method"
            problem={submission.problem}
          >
            {METHODS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Reference (optional)"
            name="reference"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            field="reference"
            problem={submission.problem}
          />
        </div>
        <ProblemMessage problem={submission.problem} onRetry={submission.submit} shownFields={['amount', 'paidOn', 'method', 'reference']} />
        <button type="submit" className="button" disabled={submission.busy}>
          {submission.busy ? 'Recording…' : 'Record repayment'}
        </button>
      </form>
    </Card>
  );
}
