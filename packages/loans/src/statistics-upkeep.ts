/**
 * The statistics jobs: the daily refresh of the calendar-dependent figures (days overdue, PAR30)
 * and the admin's rebuild of every counter from the loans themselves. Both walk loans through
 * gsi2 (loans by status), never a Scan. Plain async functions: the scheduled Lambda, the rebuild
 * route and `npm run ops -- stats-refresh` all call these.
 */
import { Conflict } from '@platform/libs/errors';
import { loans } from './repositories/loans';
import { loanStatistics } from './repositories/statistics-counters';
import { clockNow } from './domain/clock';
import { LOAN_STATES } from './domain/lifecycle';
import { correction, countLoan, countOverdue, driftBetween, type Counters, type Drift } from './domain/statistics';
import type { LoanRecord, OverdueFigures, OverdueSnapshot } from './model';

const REBUILD_ATTEMPTS = 3;

async function overdueOfActiveLoans(today: string, alsoVisit?: (loan: LoanRecord) => void): Promise<Record<string, OverdueFigures>> {
  const byCurrency: Record<string, OverdueFigures> = {};
  await loans.forEachWithStatus('active', (loan) => {
    countOverdue(byCurrency, loan.schedule ?? [], today);
    alsoVisit?.(loan);
  });
  return byCurrency;
}

/** Recomputes overdue loans, overdue amount and PAR30 as of today (UTC) and stores them with `asOf`. */
export async function refreshOverdueStatistics(at: Date = new Date()): Promise<OverdueSnapshot> {
  const { now, today } = clockNow(at);
  const snapshot: OverdueSnapshot = { asOf: now, asOfDate: today, byCurrency: await overdueOfActiveLoans(today) };
  await loanStatistics.saveOverdue(snapshot);
  return snapshot;
}

const sameCounters = (a: Counters, b: Counters): boolean => driftBetween(a, b).length === 0;

/**
 * Recomputes every counter from the loans, corrects the kept counters by the difference and
 * answers that drift; refreshes the overdue figures on the way. The counters are read before and
 * after the walk: if any change landed meanwhile (every change moves a counter), walk again.
 */
export async function rebuildStatistics(at: Date = new Date()): Promise<{ asOf: string; drift: Drift[] }> {
  const { now, today } = clockNow(at);
  for (let attempt = 1; attempt <= REBUILD_ATTEMPTS; attempt += 1) {
    const before = (await loanStatistics.read()).counters;
    const truth: Counters = {};
    for (const status of LOAN_STATES.filter((s) => s !== 'active')) await loans.forEachWithStatus(status, (loan) => countLoan(truth, loan));
    const byCurrency = await overdueOfActiveLoans(today, (loan) => countLoan(truth, loan));
    const kept = (await loanStatistics.read()).counters;
    if (!sameCounters(before, kept)) continue;
    const drift = driftBetween(kept, truth);
    if (drift.length > 0) await loanStatistics.correct(correction(kept, truth));
    await loanStatistics.saveOverdue({ asOf: now, asOfDate: today, byCurrency });
    return { asOf: now, drift };
  }
  throw new Conflict('Loans kept changing while the statistics were being rebuilt; try again', 'CONCURRENT_UPDATE');
}
