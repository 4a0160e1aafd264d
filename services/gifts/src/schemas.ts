/** Request bodies and queries of the gifts service: one schema each, to validate and to document. */
import { schemas } from '@platform/libs/http';
import { GIFT_DIRECTIONS, GIFT_STATUSES } from '@platform/gift-tracker/domain/gift-status';

const { nullable } = schemas;

const direction = { type: 'string', enum: [...GIFT_DIRECTIONS] };
const status = { type: 'string', enum: [...GIFT_STATUSES] };

const fields = {
  name: schemas.name,
  direction,
  status,
  contactId: nullable(schemas.id),
  eventId: nullable(schemas.id),
  price: nullable(schemas.money),
  url: nullable({ type: 'string', format: 'uri', maxLength: 2048 }),
  store: nullable(schemas.shortText),
  notes: nullable(schemas.notes),
  date: nullable(schemas.date),
};

export const giftCreate = schemas.object(fields, ['name', 'direction']);

export const giftPatch = { ...schemas.object({ ...fields, version: { type: 'integer', minimum: 1 } }), minProperties: 1 };

export const giftList = schemas.pageQuery({ contactId: schemas.id, eventId: schemas.id, status, direction });
