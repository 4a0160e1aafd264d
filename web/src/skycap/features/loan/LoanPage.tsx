/**
 * One loan: its terms and state, then what the signed-in person may do with it now (withdraw,
 * approve or reject, disburse, record or reverse a repayment), its schedule, repayments,
 * documents and history. After any action every section reads the loan again.
 */
import { useState } from 'react';
import { formatDate, formatInstant } from '../../../shared/dates';
import { useResource } from '../../../shared/hooks';
import { Link } from '../../../shared/router';
import { Amount, Card, Loaded, PageTitle } from '../../../shared/ui';
import { describeEvery, LoanSchedule, LoanStatus } from '../../components/LoanSchedule';
import type { Loan } from '../../components/LoanTable';
import { api, can } from '../../platform';
import { DisburseForm } from '../accountant/DisburseForm';
import { RepaymentForm } from '../accountant/RepaymentForm';
import { RepaymentList } from '../accountant/RepaymentList';
import { Documents } from '../borrower/Documents';
import { LoanHistory } from '../borrower/LoanHistory';
import { WithdrawButton } from '../borrower/WithdrawButton';
import { DecisionForms } from '../officer/DecisionForms';

const DISBURSED = ['active', 'closed', 'written_off'];

function LoanSummary({ loan }: { loan: Loan }) {
  const disbursed = DISBURSED.includes(loan.status);
  return (
    <dl className="stats">
      <div className="stat">
        <dt>Applied for</dt>
        <dd>
          <Amount money={loan.principal} />
        </dd>
      </div>
      {loan.approvedPrincipal && (
        <div className="stat">
          <dt>Approved</dt>
          <dd>
            <Amount money={loan.approvedPrincipal} />
          </dd>
        </div>
      )}
      <div className="stat">
        <dt>Terms</dt>
        <dd>
          {loan.installments} × {describeEvery(loan.every).toLowerCase()}
        </dd>
      </div>
      <div className="stat">
        <dt>Annual rate</dt>
        <dd>{loan.annualRatePercent ? `${loan.annualRatePercent}%` : 'not set yet'}</dd>
      </div>
      {disbursed && (
        <>
          <div className="stat">
            <dt>Disbursed on</dt>
            <dd>{loan.disbursedOn ? formatDate(loan.disbursedOn) : '—'}</dd>
          </div>
          <div className="stat">
            <dt>Still owed</dt>
            <dd>
              <Amount money={loan.outstanding} />
            </dd>
          </div>
          <div className="stat">
            <dt>Principal outstanding</dt>
            <dd>
              <Amount money={loan.outstandingPrincipal} />
            </dd>
          </div>
        </>
      )}
      <div className="stat">
        <dt>Applied</dt>
        <dd>{formatInstant(loan.createdAt)}</dd>
      </div>
    </dl>
  );
}

function Schedule({ loanId, version }: { loanId: string; version: number }) {
  const schedule = useResource(() => api.call((c) => c.GET('/loans/{loanId}/schedule', { params: { path: { loanId } } })), [loanId, version]);
  return <Loaded resource={schedule}>{(s) => <LoanSchedule schedule={s} caption="Installments, with what is paid and still owed" />}</Loaded>;
}

export function LoanPage({ loanId, roles, userId }: { loanId: string; roles: string[]; userId: string }) {
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string>();
  const changed = (message?: string) => {
    setNotice(message);
    setVersion((v) => v + 1);
  };
  const loan = useResource(() => api.call((c) => c.GET('/loans/{loanId}', { params: { path: { loanId } } })), [loanId, version]);

  return (
    <Loaded resource={loan}>
      {(l) => {
        const own = l.borrowerId === userId;
        const disbursed = DISBURSED.includes(l.status);
        const mayDecide = l.status === 'submitted' && can.decide(roles) && !own;
        const mayDisburse = l.status === 'approved' && can.disburse(roles);
        const mayRepay = l.status === 'active' && can.repay(roles);
        const mayWithdraw = own && (l.status === 'submitted' || l.status === 'approved');
        return (
          <>
            <p>
              <Link to={can.seeAllLoans(roles) && !own ? '/portfolio' : '/loans'}>← Back to loans</Link>
            </p>
            <PageTitle actions={mayWithdraw ? <WithdrawButton loanId={l.id} onDone={() => changed('The application was withdrawn.')} /> : undefined}>
              {l.purpose.length > 60 ? `${l.purpose.slice(0, 60)}…` : l.purpose} <LoanStatus status={l.status} />
            </PageTitle>
            {notice && (
              <div className="notice notice--success" role="status">
                <p>{notice}</p>
              </div>
            )}
            <Card>
              <LoanSummary loan={l} />
            </Card>
            {mayDecide && <DecisionForms loan={l} onDone={changed} />}
            {mayDisburse && <DisburseForm loan={l} onDone={() => changed('The loan was disbursed: its schedule is below.')} />}
            {mayRepay && <RepaymentForm loan={l} onDone={changed} />}
            {disbursed && (
              <Card title="Schedule" id="schedule">
                <Schedule loanId={l.id} version={version} />
              </Card>
            )}
            {disbursed && <RepaymentList loan={l} version={version} mayReverse={can.repay(roles) && l.status !== 'written_off'} onDone={changed} />}
            <Documents loan={l} mayUpload={own} version={version} />
            <LoanHistory loanId={l.id} version={version} />
          </>
        );
      }}
    </Loaded>
  );
}
