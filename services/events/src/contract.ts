/** The events service's routes: what each accepts and answers. `npm run contract` generates from here the route table its handlers load (routes.generated.js, with the validators), the types and OpenAPI. */
import { DEFAULT_UPCOMING_DAYS, MAX_UPCOMING_DAYS, MIN_UPCOMING_DAYS } from '@platform/gift-tracker/domain/occurrences';
import { EVENT_TYPES, RECURRENCES } from '@platform/gift-tracker/model';
import {
  Body,
  Currency,
  DateOnly,
  defineRoutes,
  Id,
  IdParams,
  LIMITS,
  Money,
  Name,
  Nullable,
  OrNull,
  Page,
  PageQuery,
  Stamps,
  StringEnum,
  Version,
} from '@platform/libs/contract';
import { Type } from '@sinclair/typebox';
import { GiftReply as Gift } from '@platform/gift-tracker/replies';

const EventType = StringEnum(EVENT_TYPES);
const Recurrence = StringEnum(RECURRENCES, { description: 'yearly: the event recurs every year from its date on' });

/** What a client may set on an event. */
const fields = {
  name: Name,
  type: EventType,
  date: DateOnly,
  recurring: Recurrence,
  contactIds: Type.Optional(Type.Array(Id, { maxItems: LIMITS.list, uniqueItems: true, description: 'your contacts the event is for' })),
  budget: Type.Optional(OrNull(Money)),
};

/** An event as every route answers it. */
export const Event = Type.Object(
  {
    id: Id,
    budget: Nullable(Money),
    contactIds: Type.Array(Id, { description: 'empty when none' }),
    date: DateOnly,
    name: Type.String(),
    recurring: Recurrence,
    type: EventType,
    ...Stamps,
  },
  { additionalProperties: false },
);

/** The budget left: Money that goes below zero when the event is over budget. */
const Remaining = Type.Object(
  {
    amount: Type.Integer({
      minimum: -Number.MAX_SAFE_INTEGER,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'integer minor units; negative when over budget',
    }),
    currency: Currency,
  },
  { additionalProperties: false },
);

const Summary = Type.Object(
  {
    budget: Nullable(Money),
    spent: Nullable(Money),
    remaining: Nullable(Remaining),
    byRecipient: Type.Array(
      Type.Object(
        {
          contactId: Nullable(Id),
          name: Nullable(Type.String()),
          spent: Nullable(Money),
          gifts: Type.Array(Gift, { description: 'newest first (by date, then creation; undated last)' }),
        },
        { additionalProperties: false, description: 'contactId null: the gifts linked to no contact; name null when there is no contact or it is gone' },
      ),
      { description: 'named contacts by name, then contacts whose name is unknown, then the gifts linked to no contact' },
    ),
  },
  {
    additionalProperties: false,
    description:
      "Money in the event's one currency (its budget's, else its first priced gift's). spent counts only given gifts; it is null when no currency is known; remaining is null without a budget.",
  },
);

const Occurrence = Type.Union([
  Type.Object(
    { date: DateOnly, kind: Type.Literal('event'), name: Type.String(), eventId: Id },
    { additionalProperties: false, description: 'an event (a yearly one on each anniversary)' },
  ),
  Type.Object(
    { date: DateOnly, kind: Type.Literal('birthday'), name: Type.String({ description: "the contact's name" }), contactId: Id },
    { additionalProperties: false, description: "a contact's birthday (29 February falls on 28 February in common years)" },
  ),
]);

const EventParams = IdParams('eventId');

export const routes = defineRoutes('events', {
  createEvent: {
    method: 'POST',
    path: '/events',
    summary: 'Add an event (an occasion), optionally linked to contacts and with a budget',
    description: 'A contactId that is not one of your contacts is 404, naming it (contactIds.<i>).',
    body: Body(fields),
    responses: { 201: Event },
    errors: [404],
  },
  listEvents: {
    method: 'GET',
    path: '/events',
    summary: 'Your events by date, oldest first; `from` and `to` both inclusive',
    query: PageQuery({ from: Type.Optional(DateOnly), to: Type.Optional(DateOnly) }),
    responses: { 200: Page(Event) },
  },
  listUpcoming: {
    method: 'GET',
    path: '/events/upcoming',
    summary: "What falls in the next `days` days from today in your time zone: events and contacts' birthdays",
    description: 'Both ends inclusive; soonest first, then by name.',
    query: Type.Object(
      { days: Type.Optional(Type.Integer({ minimum: MIN_UPCOMING_DAYS, maximum: MAX_UPCOMING_DAYS, default: DEFAULT_UPCOMING_DAYS })) },
      { additionalProperties: false },
    ),
    responses: { 200: Type.Object({ items: Type.Array(Occurrence) }, { additionalProperties: false }) },
  },
  getEvent: {
    method: 'GET',
    path: '/events/{eventId}',
    summary: 'One of your events',
    params: EventParams,
    responses: { 200: Event },
    errors: [404],
  },
  getEventSummary: {
    method: 'GET',
    path: '/events/{eventId}/summary',
    summary: "An event's budget, what was spent and what remains, and its gifts by recipient",
    params: EventParams,
    responses: { 200: Summary },
    errors: [404],
  },
  patchEvent: {
    method: 'PATCH',
    path: '/events/{eventId}',
    summary: 'Change an event; budget null clears it',
    description:
      "A stale `version` is 409 VERSION_CONFLICT; a new contactId that is not yours is 404; a budget in a currency the event's priced gifts do not share is 422 CURRENCY_MISMATCH.",
    params: EventParams,
    body: Body(
      {
        name: Type.Optional(Name),
        type: Type.Optional(EventType),
        date: Type.Optional(DateOnly),
        recurring: Type.Optional(Recurrence),
        contactIds: fields.contactIds,
        budget: fields.budget,
        version: Type.Optional(Version),
      },
      { minProperties: 1 },
    ),
    responses: { 200: Event },
    errors: [404, 409, 422],
  },
  deleteEvent: {
    method: 'DELETE',
    path: '/events/{eventId}',
    summary: 'Delete an event: its gifts stay with eventId cleared',
    description: 'A repeated DELETE finishes an interrupted one; 404 once nothing is left.',
    params: EventParams,
    responses: { 204: null },
    errors: [404],
  },
});
