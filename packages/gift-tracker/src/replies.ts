/** Reply schemas of Gift Tracker things that several services answer (a gift: gifts, a contact's gifts, an event's summary). */
import { DateOnly, Id, Money, Nullable, Stamps, StringEnum } from '@platform/libs/contract';
import { Type } from '@sinclair/typebox';
import { GIFT_DIRECTIONS, GIFT_STATUSES } from './domain/gift-status';

/** A gift as every route answers it: every field present, null when unset. */
export const GiftReply = Type.Object(
  {
    id: Id,
    name: Type.String(),
    direction: StringEnum(GIFT_DIRECTIONS),
    status: StringEnum(GIFT_STATUSES),
    contactId: Nullable(Id),
    eventId: Nullable(Id),
    price: Nullable(Money),
    url: Nullable(Type.String()),
    store: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    date: Nullable(DateOnly),
    images: Type.Array(Id, { description: 'ids of its uploaded images (GET /images/{imageId})' }),
    ...Stamps,
  },
  { additionalProperties: false, title: 'Gift' },
);
