/** The loan officer's decision on a submitted application: approve (rate, amount, note) or reject (reason). */
import { type FormEvent, useCallback, useState } from 'react';
import { ProblemMessage, TextAreaField, TextField } from '../../../shared/forms';
import { useSubmission } from '../../../shared/hooks';
import { parseMoney, toDecimalText } from '../../../shared/money';
import { Card } from '../../../shared/ui';
import type { Loan } from '../../components/LoanTable';
import { api } from '../../platform';

export function DecisionForms({ loan, onDone }: { loan: Loan; onDone: (message: string) => void }) {
  const currency = loan.principal.currency;
  const [rate, setRate] = useState('12');
  const [approved, setApproved] = useState(toDecimalText(loan.principal.amount, currency));
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const approvedMinor = parseMoney(approved, currency);

  const approve = useCallback(
    (key: string) =>
      api.call((c) =>
        c.POST('/loans/{loanId}/approve', {
          params: { path: { loanId: loan.id }, header: { 'Idempotency-Key': key } },
          body: { annualRatePercent: rate.trim(), approvedPrincipal: { amount: approvedMinor ?? 0, currency }, ...(note.trim() ? { note } : {}) },
        }),
      ),
    [loan.id, rate, approvedMinor, currency, note],
  );
  const reject = useCallback(
    (key: string) =>
      api.call((c) => c.POST('/loans/{loanId}/reject', { params: { path: { loanId: loan.id }, header: { 'Idempotency-Key': key } }, body: { reason } })),
    [loan.id, reason],
  );
  const approval = useSubmission(approve, () => onDone('The loan was approved.'));
  const rejection = useSubmission(reject, () => onDone('The application was rejected.'));
  const approvedError = approved.trim() && approvedMinor === undefined ? `Enter an amount in ${currency}` : undefined;

  return (
    <div className="grid grid--2">
      <Card title="Approve" id="approve">
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (!approvedError) void approval.submit();
          }}
          noValidate
        >
          <div className="form-row">
            <TextField
              label="Annual rate (%)"
              name="rate"
              inputMode="decimal"
              value={rate}
              onChange={(e) => setRate(e.target.value)}
              field="annualRatePercent"
              problem={approval.problem}
              required
            />
            <TextField
              label={`Approved amount (${currency})`}
              name="approvedPrincipal"
              inputMode="decimal"
              value={approved}
              onChange={(e) => setApproved(e.target.value)}
              field="approvedPrincipal"
              problem={approval.problem}
              error={approvedError}
            />
          </div>
          <TextAreaField label="Note (optional)" name="note" value={note} onChange={(e) => setNote(e.target.value)} field="note" problem={approval.problem} />
          <ProblemMessage problem={approval.problem} onRetry={approval.submit} shownFields={['annualRatePercent', 'approvedPrincipal', 'note']} />
          <button type="submit" className="button" disabled={approval.busy}>
            Approve loan
          </button>
        </form>
      </Card>
      <Card title="Reject" id="reject">
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void rejection.submit();
          }}
          noValidate
        >
          <TextAreaField
            label="Reason for rejection"
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            field="reason"
            problem={rejection.problem}
            required
          />
          <ProblemMessage problem={rejection.problem} onRetry={rejection.submit} shownFields={['reason']} />
          <button type="submit" className="button button--danger" disabled={rejection.busy}>
            Reject application
          </button>
        </form>
      </Card>
    </div>
  );
}
