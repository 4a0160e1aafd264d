/** The gifts service's routes: what each accepts and answers. `npm run contract` generates from here the route table its handlers load (routes.generated.js, with the validators), the types and OpenAPI. */
import { GIFT_DIRECTIONS, GIFT_STATUSES } from '@platform/gift-tracker/domain/gift-status';
import {
  Body,
  DateOnly,
  defineRoutes,
  Id,
  IdParams,
  Money,
  Name,
  Notes,
  OrNull,
  Page,
  PageQuery,
  ShortText,
  StringEnum,
  Version,
} from '@platform/libs/contract';
import { Type } from '@sinclair/typebox';
import { GiftReply as Gift } from '@platform/gift-tracker/replies';

const Direction = StringEnum(GIFT_DIRECTIONS, { description: 'given: idea -> planned -> purchased -> wrapped -> given; received: received -> thanked' });
const Status = StringEnum(GIFT_STATUSES, { description: "one of the direction's statuses" });
const Url = Type.String({ format: 'uri', maxLength: 2048 });

/** What a client may set on a gift; null clears a field. */
const fields = {
  name: Name,
  direction: Direction,
  status: Type.Optional(Status),
  contactId: Type.Optional(OrNull(Id)),
  eventId: Type.Optional(OrNull(Id)),
  price: Type.Optional(OrNull(Money)),
  url: Type.Optional(OrNull(Url)),
  store: Type.Optional(OrNull(ShortText)),
  notes: Type.Optional(OrNull(Notes)),
  date: Type.Optional(OrNull(DateOnly)),
};

const Warning = Type.Object(
  {
    code: Type.Literal('POSSIBLE_DUPLICATE'),
    giftId: Id,
    message: Type.String(),
  },
  { additionalProperties: false, description: 'the contact already has a gift of this name (the gift is saved all the same)' },
);

const GiftParams = IdParams('giftId');

export const routes = defineRoutes('gifts', {
  createGift: {
    method: 'POST',
    path: '/gifts',
    summary: 'Record a gift given or received',
    description:
      "The status defaults to the first of its direction (idea, received). A linked contact or event must be your own (404); a priced gift linked to an event must be in the event's currency (422 CURRENCY_MISMATCH). A same-name gift of the same contact adds a POSSIBLE_DUPLICATE warning.",
    body: Body(fields),
    responses: { 201: Type.Object({ ...Gift.properties, warnings: Type.Array(Warning) }, { additionalProperties: false }) },
    errors: [404, 422],
  },
  listGifts: {
    method: 'GET',
    path: '/gifts',
    summary: 'Your gifts, newest first (by date, then creation)',
    query: PageQuery({
      contactId: Type.Optional(Id),
      eventId: Type.Optional(Id),
      status: Type.Optional(Status),
      direction: Type.Optional(Direction),
    }),
    responses: { 200: Page(Gift) },
  },
  getGift: {
    method: 'GET',
    path: '/gifts/{giftId}',
    summary: 'One of your gifts',
    params: GiftParams,
    responses: { 200: Gift },
    errors: [404],
  },
  updateGift: {
    method: 'PATCH',
    path: '/gifts/{giftId}',
    summary: 'Change a gift; null clears a field',
    description:
      'The status moves forward any number of steps or back one (409 INVALID_STATUS_TRANSITION otherwise); a new direction takes a status of its own flow (or its first). New links are checked as on create. A stale `version` is 409 VERSION_CONFLICT.',
    params: GiftParams,
    body: Body(
      {
        name: Type.Optional(Name),
        direction: Type.Optional(Direction),
        status: Type.Optional(Status),
        contactId: fields.contactId,
        eventId: fields.eventId,
        price: fields.price,
        url: fields.url,
        store: fields.store,
        notes: fields.notes,
        date: fields.date,
        version: Type.Optional(Version),
      },
      { minProperties: 1 },
    ),
    responses: { 200: Gift },
    errors: [404, 409, 422],
  },
  deleteGift: {
    method: 'DELETE',
    path: '/gifts/{giftId}',
    summary: 'Delete a gift and its images',
    description: 'A repeated DELETE finishes an interrupted one; 404 once nothing is left.',
    params: GiftParams,
    responses: { 204: null },
    errors: [404],
  },
});
