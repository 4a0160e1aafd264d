/** The loan's audit trail, oldest first: every transition and money movement with who and when. */
import { formatInstant } from '../../../shared/dates';
import { useResource } from '../../../shared/hooks';
import { Amount, Card, Loaded } from '../../../shared/ui';
import { api } from '../../platform';

const ACTIONS: Record<string, string> = {
  apply: 'Applied',
  approve: 'Approved',
  reject: 'Rejected',
  withdraw: 'Withdrawn',
  disburse: 'Disbursed',
  close: 'Closed (fully repaid)',
  reopen: 'Reopened',
  write_off: 'Written off',
  repayment: 'Repayment recorded',
  repayment_reversed: 'Repayment reversed',
};

export function LoanHistory({ loanId, version }: { loanId: string; version: number }) {
  const history = useResource(
    () => api.call((c) => c.GET('/loans/{loanId}/history', { params: { path: { loanId }, query: { limit: 100 } } })),
    [loanId, version],
  );
  return (
    <Card title="History" id="history">
      <Loaded resource={history}>
        {(page) => (
          <ol className="history">
            {page.items.map((entry) => (
              <li key={`${entry.at}-${entry.action}-${entry.amount?.amount ?? ''}`}>
                <strong>{ACTIONS[entry.action] ?? entry.action}</strong>
                {entry.amount && (
                  <>
                    {' '}
                    <Amount money={entry.amount} />
                  </>
                )}
                <span className="muted">
                  {' '}
                  · {formatInstant(entry.at)} · by{' '}
                  {entry.actor.roles
                    .filter((r) => r !== 'user')
                    .join(', ')
                    .replace(/_/g, ' ') || 'borrower'}
                </span>
                {typeof entry.details?.reason === 'string' && <div className="muted">Reason: {entry.details.reason}</div>}
                {typeof entry.details?.note === 'string' && <div className="muted">Note: {entry.details.note}</div>}
              </li>
            ))}
          </ol>
        )}
      </Loaded>
    </Card>
  );
}
