/** Request bodies and queries of the events service: one schema each, to validate and to document. */
import { schemas } from '@platform/libs/http';
import { EVENT_TYPES, RECURRENCES } from '@platform/gift-tracker/model';
import { DEFAULT_UPCOMING_DAYS, MAX_UPCOMING_DAYS, MIN_UPCOMING_DAYS } from '@platform/gift-tracker/domain/occurrences';

const fields = {
  name: schemas.name,
  type: { type: 'string', enum: [...EVENT_TYPES] },
  date: schemas.date,
  recurring: { type: 'string', enum: [...RECURRENCES] },
  contactIds: { ...schemas.listOf(schemas.id), uniqueItems: true },
  budget: { ...schemas.money, type: ['object', 'null'] },
};

export const eventCreate = schemas.object(fields, ['name', 'type', 'date', 'recurring']);

export const eventPatch = { ...schemas.object({ ...fields, version: { type: 'integer', minimum: 1 } }), minProperties: 1 };

export const eventList = schemas.pageQuery({ from: schemas.date, to: schemas.date });

export const upcomingQuery = schemas.object({
  days: { type: 'integer', minimum: MIN_UPCOMING_DAYS, maximum: MAX_UPCOMING_DAYS, default: DEFAULT_UPCOMING_DAYS },
});
