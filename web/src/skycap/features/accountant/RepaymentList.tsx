/** A loan's repayments, newest first; the accountant reverses one with a reason (the loan reopens if it had closed). */
import { type FormEvent, useCallback, useState } from 'react';
import type { Schema } from '@platform/api-client';
import { formatDate, formatInstant } from '../../../shared/dates';
import { ProblemMessage, TextField } from '../../../shared/forms';
import { useResource, useSubmission } from '../../../shared/hooks';
import { formatMoney } from '../../../shared/money';
import { Amount, Card, EmptyState, Loaded, TableWrap } from '../../../shared/ui';
import type { Loan } from '../../components/LoanTable';
import { api } from '../../platform';

type Repayment = Schema<'Repayment'>;

function ReverseForm({ repayment, onDone, onCancel }: { repayment: Repayment; onDone: (message: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const send = useCallback(
    (key: string) =>
      api.call((c) =>
        c.POST('/repayments/{repaymentId}/reverse', { params: { path: { repaymentId: repayment.id }, header: { 'Idempotency-Key': key } }, body: { reason } }),
      ),
    [repayment.id, reason],
  );
  const submission = useSubmission(send, () => onDone(`The repayment of ${formatMoney(repayment.amount)} was reversed.`));
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submission.submit();
      }}
      noValidate
    >
      <TextField
        label={`Reason for reversing ${formatMoney(repayment.amount)}`}
        name="reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        field="reason"
        problem={submission.problem}
        required
      />
      <ProblemMessage problem={submission.problem} onRetry={submission.submit} shownFields={['reason']} />
      <div className="form-actions">
        <button type="submit" className="button button--danger button--small" disabled={submission.busy}>
          Confirm reversal
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function RepaymentList({ loan, version, mayReverse, onDone }: { loan: Loan; version: number; mayReverse: boolean; onDone: (message: string) => void }) {
  const [reversing, setReversing] = useState<string>();
  const repayments = useResource(() => api.call((c) => c.GET('/repayments', { params: { query: { loanId: loan.id, limit: 100 } } })), [loan.id, version]);
  return (
    <Card title="Repayments" id="repayments">
      <Loaded resource={repayments}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>No repayments recorded yet.</EmptyState>
          ) : (
            <TableWrap label={'Repayments, newest first'}>
              <table>
                <caption>Repayments, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Paid on</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col" className="num">
                      Interest
                    </th>
                    <th scope="col" className="num">
                      Principal
                    </th>
                    <th scope="col">Method</th>
                    <th scope="col">Status</th>
                    {mayReverse && <th scope="col">Action</th>}
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((r) => (
                    <tr key={r.id}>
                      <td>
                        {formatDate(r.paidOn)}
                        {r.reference && <div className="muted">{r.reference}</div>}
                      </td>
                      <td className="num">
                        <Amount money={r.amount} />
                      </td>
                      <td className="num">
                        <Amount money={r.allocation.interest} />
                      </td>
                      <td className="num">
                        <Amount money={r.allocation.principal} />
                      </td>
                      <td>{r.method.replace(/_/g, ' ')}</td>
                      <td>
                        <span className={`badge badge--${r.status === 'reversed' ? 'reversed' : 'active'}`}>{r.status}</span>
                        {r.reversal && (
                          <div className="muted">
                            {formatInstant(r.reversal.at)}: {r.reversal.reason}
                          </div>
                        )}
                      </td>
                      {mayReverse && (
                        <td>
                          {r.status === 'recorded' &&
                            (reversing === r.id ? (
                              <ReverseForm
                                repayment={r}
                                onCancel={() => setReversing(undefined)}
                                onDone={(message) => {
                                  setReversing(undefined);
                                  onDone(message);
                                }}
                              />
                            ) : (
                              <button
                                type="button"
                                className="button button--secondary button--small"
                                onClick={() => setReversing(r.id)}
                                aria-label={`Reverse the repayment of ${formatMoney(r.amount)} paid on ${formatDate(r.paidOn)}`}
                              >
                                Reverse
                              </button>
                            ))}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )
        }
      </Loaded>
    </Card>
  );
}
