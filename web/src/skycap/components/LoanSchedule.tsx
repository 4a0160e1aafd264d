/** A schedule as the API gives it (a quote or a loan's): one row per installment, with what is paid, outstanding and overdue. */
import { formatDate } from '../../shared/dates';
import { Amount, TableWrap } from '../../shared/ui';

type Schedule = {
  currency: string;
  principal: { amount: number; currency: string };
  totalInterest: { amount: number; currency: string };
  totalPayable: { amount: number; currency: string };
  installments: Array<{
    number: number;
    dueDate: string;
    principal: { amount: number; currency: string };
    interest: { amount: number; currency: string };
    total: { amount: number; currency: string };
    paid: { amount: number; currency: string };
    outstanding: { amount: number; currency: string };
    daysOverdue: number;
  }>;
};

export function LoanSchedule({ schedule, caption, showPayments = true }: { schedule: Schedule; caption: string; showPayments?: boolean }) {
  return (
    <TableWrap label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Due</th>
            <th scope="col" className="num">
              Principal
            </th>
            <th scope="col" className="num">
              Interest
            </th>
            <th scope="col" className="num">
              Installment
            </th>
            {showPayments && (
              <>
                <th scope="col" className="num">
                  Paid
                </th>
                <th scope="col" className="num">
                  Outstanding
                </th>
                <th scope="col" className="num">
                  Days overdue
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {schedule.installments.map((row) => (
            <tr key={row.number}>
              <td>{row.number}</td>
              <td>{formatDate(row.dueDate)}</td>
              <td className="num">
                <Amount money={row.principal} />
              </td>
              <td className="num">
                <Amount money={row.interest} />
              </td>
              <td className="num">
                <Amount money={row.total} />
              </td>
              {showPayments && (
                <>
                  <td className="num">
                    <Amount money={row.paid} />
                  </td>
                  <td className="num">
                    <Amount money={row.outstanding} />
                  </td>
                  <td className={row.daysOverdue > 0 ? 'num overdue' : 'num'}>{row.daysOverdue}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="num">
              <Amount money={schedule.principal} />
            </td>
            <td className="num">
              <Amount money={schedule.totalInterest} />
            </td>
            <td className="num">
              <Amount money={schedule.totalPayable} />
            </td>
            {showPayments && <td colSpan={3} />}
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

export function LoanStatus({ status }: { status: string }) {
  return <span className={`badge badge--${status}`}>{status.replace(/_/g, ' ')}</span>;
}

export const FREQUENCIES = [
  { value: 'months:1', label: 'Monthly', every: { unit: 'months', n: 1 } },
  { value: 'weeks:2', label: 'Every 2 weeks', every: { unit: 'weeks', n: 2 } },
  { value: 'weeks:1', label: 'Weekly', every: { unit: 'weeks', n: 1 } },
  { value: 'months:3', label: 'Quarterly', every: { unit: 'months', n: 3 } },
] as const;

export function describeEvery(every: { unit: string; n: number }): string {
  const found = FREQUENCIES.find((f) => f.every.unit === every.unit && f.every.n === every.n);
  if (found) return found.label;
  return `Every ${every.n} ${every.unit}`;
}
