import { ok, route } from '@platform/libs/http';
import { todayUtc } from '@platform/loans/domain/clock';
import { computeSchedule, viewSchedule, withNothingPaid } from '@platform/loans/domain/schedule';
import { rateText } from '@platform/loans/domain/loan-changes';
import * as routes from '../routes.generated';

/** POST /loans/quote: the schedule these terms would have (today when no disbursedOn); nothing is stored. */
export const handler = route(routes.quoteLoan, async ({ body }) => {
  const disbursedOn = body.disbursedOn ?? todayUtc();
  const schedule = computeSchedule({ ...body, annualRatePercent: rateText(body.annualRatePercent), disbursedOn });
  return ok({ disbursedOn, ...viewSchedule(withNothingPaid(schedule.installments), disbursedOn) });
});
