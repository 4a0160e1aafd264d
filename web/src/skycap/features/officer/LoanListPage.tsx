/**
 * Staff lists of loans by status: the loan officer's queue (submitted applications) and the
 * accountant's portfolio (approved loans to disburse, active loans taking repayments, and the rest).
 */
import { useState } from 'react';
import { ProblemMessage, SelectField } from '../../../shared/forms';
import { Card, EmptyState, Loading, PageTitle } from '../../../shared/ui';
import { type Loan, LoanTable } from '../../components/LoanTable';
import { usePagedLoans } from '../../components/usePagedLoans';

const STATUSES: Loan['status'][] = ['submitted', 'approved', 'active', 'closed', 'rejected', 'withdrawn', 'written_off'];

export function LoanListPage({ kind }: { kind: 'queue' | 'portfolio' }) {
  const [status, setStatus] = useState<Loan['status']>(kind === 'queue' ? 'submitted' : 'approved');
  const loans = usePagedLoans(status);
  const title = kind === 'queue' ? 'Applications' : 'Portfolio';
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <Card>
        <div className="form-row" style={{ maxWidth: 320 }}>
          <SelectField label="Status" name="status" value={status} onChange={(e) => setStatus(e.target.value as Loan['status'])}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace(/_/g, ' ')}
              </option>
            ))}
          </SelectField>
        </div>
        <ProblemMessage problem={loans.problem} onRetry={loans.reload} />
        {loans.items.length > 0 && <LoanTable loans={loans.items} caption={`Loans ${status.replace(/_/g, ' ')}, newest first`} />}
        {!loans.loading && !loans.problem && loans.items.length === 0 && <EmptyState>No loans are {status.replace(/_/g, ' ')} right now.</EmptyState>}
        {loans.loading && <Loading />}
        {loans.hasMore && !loans.loading && (
          <button type="button" className="button button--secondary" onClick={loans.more}>
            Show more
          </button>
        )}
      </Card>
    </>
  );
}
