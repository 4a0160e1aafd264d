/** The staff dashboard: every figure of the loan statistics summary, per currency, as of its asOf, with charts. */
import type { ReactNode } from 'react';
import { formatInstant } from '../../../shared/dates';
import { useResource } from '../../../shared/hooks';
import { Amount, Card, EmptyState, Loaded, PageTitle } from '../../../shared/ui';
import { api } from '../../platform';
import { BarChart } from './BarChart';

const STATUS_ORDER = ['submitted', 'approved', 'active', 'closed', 'rejected', 'withdrawn', 'written_off'] as const;
const STATUS_COLOURS: Record<string, string> = {
  submitted: '#4f46e5',
  approved: '#0369a1',
  active: '#15803d',
  closed: '#475569',
  rejected: '#b42318',
  withdrawn: '#78716c',
  written_off: '#9f1239',
};

/** "0.0125" -> "1.25%" (decimal text, no float: the digits are moved two places). */
export function ratioAsPercent(ratio: string): string {
  const [whole, fraction = ''] = ratio.split('.');
  const digits = `${whole}${fraction.padEnd(2, '0')}`;
  const units = digits.slice(0, whole.length + 2).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(whole.length + 2).replace(/0+$/, '');
  return `${units}${rest ? `.${rest}` : ''}%`;
}

/** Basis points of a 4-place ratio ("0.0125" -> 125): an integer for the chart's bar lengths. */
const basisPoints = (ratio: string): number => {
  const [whole, fraction = ''] = ratio.split('.');
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, '0').slice(0, 4));
};

export function DashboardPage() {
  const summary = useResource(() => api.call((c) => c.GET('/loans/stats/summary')), []);
  return (
    <>
      <PageTitle
        actions={
          <button type="button" className="button button--secondary" onClick={summary.reload} disabled={summary.loading}>
            Refresh figures
          </button>
        }
      >
        Portfolio dashboard
      </PageTitle>
      <Loaded resource={summary}>
        {(s) => {
          const currencies = Object.keys(s.byCurrency).sort();
          return (
            <>
              <p className="muted">
                Figures as of <time dateTime={s.asOf}>{formatInstant(s.asOf)}</time>.
              </p>
              <div className="grid grid--2">
                <Card title="Loans by status" id="counts">
                  <dl className="stats stats--compact">
                    {STATUS_ORDER.map((status) => (
                      <div className="stat" key={status}>
                        <dt>{status.replace(/_/g, ' ')}</dt>
                        <dd data-figure={`count-${status}`}>{s.countsByStatus[status]}</dd>
                      </div>
                    ))}
                  </dl>
                </Card>
                <Card title="Counts chart" id="counts-chart">
                  <BarChart
                    label="Number of loans by status"
                    bars={STATUS_ORDER.map((status) => ({
                      label: status.replace(/_/g, ' '),
                      value: s.countsByStatus[status],
                      text: String(s.countsByStatus[status]),
                      colour: STATUS_COLOURS[status],
                    }))}
                  />
                </Card>
              </div>
              {currencies.length === 0 && (
                <Card>
                  <EmptyState>No loan has been disbursed yet: money figures appear per currency once one is.</EmptyState>
                </Card>
              )}
              {currencies.length > 0 && (
                <Card title="Portfolio at risk (PAR30)" id="par30">
                  <p className="muted">Outstanding principal of loans more than 30 days overdue, as a share of all outstanding principal.</p>
                  <BarChart
                    label="PAR30 by currency"
                    max={10_000}
                    bars={currencies.map((c) => ({
                      label: c,
                      value: basisPoints(s.byCurrency[c].par30),
                      text: ratioAsPercent(s.byCurrency[c].par30),
                      colour: '#b45309',
                    }))}
                  />
                </Card>
              )}
              {currencies.map((currency) => {
                const f = s.byCurrency[currency];
                return (
                  <Card key={currency} title={`Figures in ${currency}`} id={`figures-${currency}`}>
                    <dl className="stats" aria-label={`Figures in ${currency}`}>
                      <Figure label="Principal disbursed" name="principalDisbursed">
                        <Amount money={f.principalDisbursed} />
                      </Figure>
                      <Figure label="Principal outstanding" name="principalOutstanding">
                        <Amount money={f.principalOutstanding} />
                      </Figure>
                      <Figure label="Interest expected" name="interestExpected">
                        <Amount money={f.interestExpected} />
                      </Figure>
                      <Figure label="Interest collected" name="interestCollected">
                        <Amount money={f.interestCollected} />
                      </Figure>
                      <Figure label="Total repaid" name="totalRepaid">
                        <Amount money={f.totalRepaid} />
                      </Figure>
                      <Figure label="Overdue loans" name="overdueLoans">
                        {f.overdueLoans}
                      </Figure>
                      <Figure label="Overdue amount" name="overdueAmount">
                        <Amount money={f.overdueAmount} />
                      </Figure>
                      <Figure label="PAR30" name="par30">
                        {ratioAsPercent(f.par30)}
                      </Figure>
                    </dl>
                  </Card>
                );
              })}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function Figure({ label, name, children }: { label: string; name: string; children: ReactNode }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd data-figure={name}>{children}</dd>
    </div>
  );
}
