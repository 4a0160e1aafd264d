/** Request bodies and queries of the contacts service: one schema each, to validate and to document. */
import { schemas } from '@platform/libs/http';

const { nullable } = schemas;

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;

const fields = {
  name: schemas.name,
  relationship: nullable(schemas.shortText),
  // The exact calendar check (no 31 June, --02-29 allowed) is assertBirthday's, in the handler.
  birthday: nullable({ type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2}|--\\d{2}-\\d{2})$' }),
  email: nullable(schemas.email),
  phone: nullable(text(50)),
  notes: nullable(schemas.notes),
  interests: nullable(schemas.listOf({ type: 'string', minLength: 1, maxLength: schemas.LIMITS.name })),
  sizes: nullable({
    type: 'object',
    maxProperties: schemas.LIMITS.list,
    propertyNames: { minLength: 1, maxLength: schemas.LIMITS.name },
    additionalProperties: { type: 'string', maxLength: schemas.LIMITS.name },
  }),
};

export const contactCreate = schemas.object(fields, ['name']);

export const contactPatch = { ...schemas.object({ ...fields, version: { type: 'integer', minimum: 1 } }), minProperties: 1 };

export const contactList = schemas.pageQuery({ q: { type: 'string', maxLength: schemas.LIMITS.name } });

export const contactGifts = schemas.pageQuery();
