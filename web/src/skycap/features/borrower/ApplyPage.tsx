/** Apply for a loan, with the schedule previewed live from /loans/quote as the form changes. */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ProblemMessage, SelectField, TextAreaField, TextField } from '../../../shared/forms';
import { useSubmission } from '../../../shared/hooks';
import { CURRENCIES, minorDigits, parseMoney } from '../../../shared/money';
import { navigate } from '../../../shared/router';
import { Card, Loading, PageTitle } from '../../../shared/ui';
import { asProblem, type ApiProblem } from '../../../shared/errors';
import { FREQUENCIES, LoanSchedule } from '../../components/LoanSchedule';
import { api } from '../../platform';

type Quote = Awaited<ReturnType<typeof quote>>;
/** The rate the preview uses: the officer sets the real one on approval. */
export const INDICATIVE_RATE = '12';

const quote = (body: { principal: { amount: number; currency: string }; installments: number; every: { unit: 'months' | 'weeks'; n: number } }) =>
  api.call((c) => c.POST('/loans/quote', { body: { ...body, annualRatePercent: INDICATIVE_RATE } }));

export function ApplyPage() {
  const [amount, setAmount] = useState('5000');
  const [currency, setCurrency] = useState('USD');
  const [installments, setInstallments] = useState('12');
  const [frequency, setFrequency] = useState<string>(FREQUENCIES[0].value);
  const [purpose, setPurpose] = useState('');
  const [preview, setPreview] = useState<{ quote?: Quote; problem?: ApiProblem; loading: boolean }>({ loading: false });

  const principal = parseMoney(amount, currency);
  const count = /^\d+$/.test(installments.trim()) ? Number(installments.trim()) : Number.NaN;
  const every = (FREQUENCIES.find((f) => f.value === frequency) ?? FREQUENCIES[0]).every;
  const amountError = amount.trim() && principal === undefined ? `Enter an amount like 1500 or 1500.${'5'.repeat(minorDigits(currency))}` : undefined;

  useEffect(() => {
    if (!principal || !(count >= 1 && count <= 1000)) {
      setPreview({ loading: false });
      return;
    }
    let live = true;
    setPreview((p) => ({ quote: p.quote, loading: true }));
    const timer = setTimeout(() => {
      quote({ principal: { amount: principal, currency }, installments: count, every: { unit: every.unit, n: every.n } }).then(
        (q) => live && setPreview({ quote: q, loading: false }),
        (error: unknown) => live && setPreview({ problem: asProblem(error), loading: false }),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [principal, currency, count, every.unit, every.n]);

  const send = useCallback(
    (idempotencyKey: string) =>
      api.call((c) =>
        c.POST('/loans/apply', {
          params: { header: { 'Idempotency-Key': idempotencyKey } },
          body: {
            principal: { amount: principal ?? 0, currency },
            installments: Number.isNaN(count) ? 0 : count,
            every: { unit: every.unit, n: every.n },
            purpose,
          },
        }),
      ),
    [principal, currency, count, every.unit, every.n, purpose],
  );
  const submission = useSubmission(send, (loan) => navigate(`/loans/${loan.id}`));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!amountError) void submission.submit();
  };
  const problem = submission.problem;

  return (
    <>
      <PageTitle>Apply for a loan</PageTitle>
      <div className="grid grid--2">
        <Card title="Your application" id="application">
          <form onSubmit={onSubmit} noValidate>
            <div className="form-row">
              <TextField
                label="Amount"
                name="amount"
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                field="principal"
                problem={problem}
                error={amountError}
                required
              />
              <SelectField
                label="Currency"
                name="currency"
                value={currency}
                onChange={(e) => setCurrency(e.target.value)}
                field="principal.currency"
                problem={problem}
              >
                {CURRENCIES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </SelectField>
            </div>
            <div className="form-row">
              <TextField
                label="Installments"
                name="installments"
                inputMode="numeric"
                value={installments}
                onChange={(e) => setInstallments(e.target.value)}
                field="installments"
                problem={problem}
                required
              />
              <SelectField label="Frequency" name="frequency" value={frequency} onChange={(e) => setFrequency(e.target.value)} field="every" problem={problem}>
                {FREQUENCIES.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </SelectField>
            </div>
            <TextAreaField
              label="Purpose"
              name="purpose"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
              field="purpose"
              problem={problem}
              hint="What the loan is for, in a sentence or two."
              required
            />
            <ProblemMessage problem={problem} onRetry={submission.submit} shownFields={['principal', 'installments', 'every', 'purpose']} />
            <div className="form-actions">
              <button type="submit" className="button" disabled={submission.busy}>
                {submission.busy ? 'Submitting…' : 'Submit application'}
              </button>
            </div>
          </form>
        </Card>
        <Card title="Schedule preview" id="preview">
          <p className="muted">Indicative, at {INDICATIVE_RATE}% a year: the loan officer sets the rate when approving.</p>
          <div aria-live="polite">
            {preview.problem && <ProblemMessage problem={preview.problem} />}
            {preview.quote && <LoanSchedule schedule={preview.quote} caption="Installments if disbursed today" showPayments={false} />}
            {!preview.quote && preview.loading && <Loading label="Working out the schedule…" />}
            {!preview.quote && !preview.loading && !preview.problem && <p className="empty">Enter an amount and a number of installments.</p>}
          </div>
        </Card>
      </div>
    </>
  );
}
