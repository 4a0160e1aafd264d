/** My loans: every application and loan of the signed-in person, newest first. */
import { ProblemMessage } from '../../../shared/forms';
import { Link } from '../../../shared/router';
import { Card, EmptyState, Loading, PageTitle } from '../../../shared/ui';
import { LoanTable } from '../../components/LoanTable';
import { usePagedLoans } from '../../components/usePagedLoans';
import { can } from '../../platform';

export function MyLoansPage({ userId, roles }: { userId: string; roles: string[] }) {
  // Staff see every loan from GET /loans: keep their own here (the portfolio pages show the rest).
  const loans = usePagedLoans(undefined, can.seeAllLoans(roles) ? (loan) => loan.borrowerId === userId : undefined);
  return (
    <>
      <PageTitle
        actions={
          <Link to="/apply" className="button">
            Apply for a loan
          </Link>
        }
      >
        My loans
      </PageTitle>
      <Card>
        <ProblemMessage problem={loans.problem} onRetry={loans.reload} />
        {loans.items.length > 0 && <LoanTable loans={loans.items} caption="Your applications and loans, newest first" />}
        {!loans.loading && !loans.problem && loans.items.length === 0 && !loans.hasMore && (
          <EmptyState>You have no loans yet. Apply for one to get started.</EmptyState>
        )}
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
