/** A list of loans with links to each loan's page. */
import type { Schema } from '@platform/api-client';
import { formatInstant } from '../../shared/dates';
import { Link } from '../../shared/router';
import { Amount, TableWrap } from '../../shared/ui';
import { describeEvery, LoanStatus } from './LoanSchedule';

export type Loan = Schema<'Loan'>;

export function LoanTable({ loans, caption }: { loans: Loan[]; caption: string }) {
  return (
    <TableWrap label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Loan</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Terms</th>
            <th scope="col" className="num">
              Outstanding
            </th>
            <th scope="col">Applied</th>
          </tr>
        </thead>
        <tbody>
          {loans.map((loan) => (
            <tr key={loan.id}>
              <td>
                <Link to={`/loans/${loan.id}`} aria-label={`Loan ${loan.purpose.slice(0, 60)} (${loan.id.slice(-6)})`}>
                  {loan.purpose.length > 40 ? `${loan.purpose.slice(0, 40)}…` : loan.purpose}
                </Link>
              </td>
              <td>
                <LoanStatus status={loan.status} />
              </td>
              <td className="num">
                <Amount money={loan.approvedPrincipal ?? loan.principal} />
              </td>
              <td>
                {loan.installments} × {describeEvery(loan.every).toLowerCase()}
                {loan.annualRatePercent ? ` at ${loan.annualRatePercent}%` : ''}
              </td>
              <td className="num">
                {loan.status === 'active' || loan.status === 'closed' ? <Amount money={loan.outstanding} /> : <span className="muted">—</span>}
              </td>
              <td>{formatInstant(loan.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
