import { ok, route } from '@platform/libs/http';
import type { Money } from '@platform/libs/money';
import { todayUtc } from '@platform/loans/domain/clock';
import { computeSchedule, viewSchedule, withNothingPaid, type Period } from '@platform/loans/domain/schedule';
import { rateText } from '@platform/loans/domain/loan-changes';
import * as schemas from '../schemas';

interface Body {
  principal: Money;
  annualRatePercent: string | number;
  installments: number;
  every: Period;
  disbursedOn?: string;
}

/** POST /loans/quote: the schedule these terms would have (today when no disbursedOn); nothing is stored. */
export const handler = route<Body>({ body: schemas.quote }, async ({ body }) => {
  const disbursedOn = body.disbursedOn ?? todayUtc();
  const schedule = computeSchedule({ ...body, annualRatePercent: rateText(body.annualRatePercent), disbursedOn });
  return ok({ disbursedOn, ...viewSchedule(withNothingPaid(schedule.installments), disbursedOn) });
});
