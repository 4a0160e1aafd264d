/** The contacts service's routes: what each accepts and answers. `npm run contract` generates from here the route table its handlers load (routes.generated.js, with the validators), the types and OpenAPI. */
import {
  Body,
  defineRoutes,
  Email,
  Id,
  IdParams,
  LIMITS,
  ListOf,
  Name,
  Notes,
  Nullable,
  OrNull,
  Page,
  PageQuery,
  ShortText,
  Stamps,
  Version,
} from '@platform/libs/contract';
import { Type } from '@sinclair/typebox';
import { GiftReply as Gift } from '@platform/gift-tracker/replies';

// The exact calendar check (no 31 June, --02-29 allowed) is assertBirthday's, in the handlers (400 on `birthday`).
const Birthday = Type.String({
  pattern: '^(\\d{4}-\\d{2}-\\d{2}|--\\d{2}-\\d{2})$',
  description: 'YYYY-MM-DD, or --MM-DD when the year is unknown',
  examples: ['1906-12-09', '--02-29'],
});

/** Clothing and other sizes by name: at most 50, names 1-200 characters, values up to 200; null clears them. */
const SizesOrNull = Type.Unsafe<Record<string, string> | null>({
  type: ['object', 'null'],
  maxProperties: LIMITS.list,
  propertyNames: { minLength: 1, maxLength: LIMITS.name },
  additionalProperties: Type.String({ maxLength: LIMITS.name }),
  description: 'sizes by name, e.g. {"shirt": "M", "shoe": "38"}',
});

/** What a client may set on a contact; null clears a field. */
const fields = {
  name: Name,
  relationship: Type.Optional(OrNull(ShortText)),
  birthday: Type.Optional(OrNull(Birthday)),
  email: Type.Optional(OrNull(Email)),
  phone: Type.Optional(OrNull(Type.String({ maxLength: 50 }))),
  notes: Type.Optional(OrNull(Notes)),
  interests: Type.Optional(OrNull(ListOf(Type.String({ minLength: 1, maxLength: LIMITS.name })))),
  sizes: Type.Optional(SizesOrNull),
};

/** A contact as every route answers it: every field present, null (or empty) when unset. */
export const Contact = Type.Object(
  {
    id: Id,
    birthday: Nullable(Birthday),
    email: Nullable(Email),
    interests: Type.Array(Type.String(), { description: 'empty when unset' }),
    name: Type.String(),
    notes: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    relationship: Nullable(Type.String()),
    sizes: Type.Object({}, { additionalProperties: Type.String(), description: 'sizes by name; empty when unset' }),
    ...Stamps,
  },
  { additionalProperties: false },
);

const ContactParams = IdParams('contactId');

export const routes = defineRoutes('contacts', {
  createContact: {
    method: 'POST',
    path: '/contacts',
    summary: 'Add a contact',
    body: Body(fields),
    responses: { 201: Contact },
  },
  listContacts: {
    method: 'GET',
    path: '/contacts',
    summary: 'Your contacts in name order, optionally those whose name starts with `q`',
    query: PageQuery({ q: Type.Optional(Type.String({ maxLength: LIMITS.name, description: 'a case-insensitive name prefix (accents kept)' })) }),
    responses: { 200: Page(Contact) },
  },
  getContact: {
    method: 'GET',
    path: '/contacts/{contactId}',
    summary: 'One of your contacts',
    params: ContactParams,
    responses: { 200: Contact },
    errors: [404],
  },
  patchContact: {
    method: 'PATCH',
    path: '/contacts/{contactId}',
    summary: 'Change a contact; null clears a field',
    description: 'A stale `version` is 409 VERSION_CONFLICT; a deleted contact is 404 (never re-created).',
    params: ContactParams,
    body: Body({ ...fields, name: Type.Optional(Name), version: Type.Optional(Version) }, { minProperties: 1 }),
    responses: { 200: Contact },
    errors: [404, 409],
  },
  deleteContact: {
    method: 'DELETE',
    path: '/contacts/{contactId}',
    summary: 'Delete a contact: its gifts stay with contactId cleared, its events forget it',
    description: 'A repeated DELETE finishes an interrupted one; 404 once nothing is left.',
    params: ContactParams,
    responses: { 204: null },
    errors: [404],
  },
  listContactGifts: {
    method: 'GET',
    path: '/contacts/{contactId}/gifts',
    summary: "A contact's gifts, given and received, newest first (by date, then creation; undated last)",
    params: ContactParams,
    query: PageQuery({}),
    responses: { 200: Page(Gift) },
    errors: [404],
  },
});
