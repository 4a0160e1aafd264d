/** The borrower withdraws an application while it is submitted or approved. */
import { useCallback, useState } from 'react';
import { ProblemMessage } from '../../../shared/forms';
import { useSubmission } from '../../../shared/hooks';
import { api } from '../../platform';

export function WithdrawButton({ loanId, onDone }: { loanId: string; onDone: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const send = useCallback(
    (key: string) => api.call((c) => c.POST('/loans/{loanId}/withdraw', { params: { path: { loanId }, header: { 'Idempotency-Key': key } }, body: {} })),
    [loanId],
  );
  const submission = useSubmission(send, onDone);
  if (!confirming)
    return (
      <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
        Withdraw application
      </button>
    );
  return (
    <div>
      <ProblemMessage problem={submission.problem} onRetry={submission.submit} />
      <div className="form-actions">
        <button type="button" className="button button--danger" disabled={submission.busy} onClick={() => void submission.submit()}>
          Confirm withdrawal
        </button>
        <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
          Keep it
        </button>
      </div>
    </div>
  );
}
