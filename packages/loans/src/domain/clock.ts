/** The request's clock: its instant and its calendar date in UTC (what "future" and "days overdue" count from). */
import { formatDate, todayIn } from '@platform/libs/dates';

export const todayUtc = (now: Date = new Date()): string => formatDate(todayIn('UTC', now));

/** Read once per change, so every figure of one change agrees. */
export function clockNow(at: Date = new Date()): { now: string; today: string } {
  return { now: at.toISOString(), today: todayUtc(at) };
}
