/** The accountant disburses an approved loan on a date: the schedule is fixed from it. */
import { type FormEvent, useCallback, useState } from 'react';
import { todayUtc } from '../../../shared/dates';
import { ProblemMessage, TextField } from '../../../shared/forms';
import { useSubmission } from '../../../shared/hooks';
import { Amount, Card } from '../../../shared/ui';
import type { Loan } from '../../components/LoanTable';
import { api } from '../../platform';

export function DisburseForm({ loan, onDone }: { loan: Loan; onDone: () => void }) {
  const [date, setDate] = useState(todayUtc());
  const send = useCallback(
    (key: string) =>
      api.call((c) =>
        c.POST('/loans/{loanId}/disburse', { params: { path: { loanId: loan.id }, header: { 'Idempotency-Key': key } }, body: { disbursedOn: date } }),
      ),
    [loan.id, date],
  );
  const submission = useSubmission(send, onDone);
  return (
    <Card title="Disburse" id="disburse">
      <p>
        Pay out <Amount money={loan.approvedPrincipal ?? loan.principal} /> to the borrower. The first installment falls due one period after this date.
      </p>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submission.submit();
        }}
        noValidate
      >
        <div className="form-row" style={{ maxWidth: 360 }}>
          <TextField
            label="Disbursement date"
            type="date"
            name="disbursedOn"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            field="disbursedOn"
            problem={submission.problem}
            required
          />
        </div>
        <ProblemMessage problem={submission.problem} onRetry={submission.submit} shownFields={['disbursedOn']} />
        <button type="submit" className="button" disabled={submission.busy}>
          Disburse loan
        </button>
      </form>
    </Card>
  );
}
