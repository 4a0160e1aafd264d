/** Schema pieces every service reuses, so limits read the same everywhere (SPEC "Limits"). */
import { MAX_LIMIT, DEFAULT_LIMIT } from '../db/pagination';

export const LIMITS = { name: 200, notes: 5000, list: 50, text: 1000 } as const;

export const name = { type: 'string', minLength: 1, maxLength: LIMITS.name } as const;
export const shortText = { type: 'string', maxLength: LIMITS.name } as const;
export const notes = { type: 'string', maxLength: LIMITS.notes } as const;
export const date = { type: 'string', format: 'date' } as const;
export const id = { type: 'string', format: 'ulid' } as const;
export const currency = { type: 'string', format: 'currency' } as const;
export const email = { type: 'string', format: 'email', maxLength: 254 } as const;

/** {amount: integer minor units, currency: ISO 4217}. JSON floats fail `integer`. */
export const money = {
  type: 'object',
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: {
    amount: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    currency,
  },
} as const;

export const positiveMoney = {
  ...money,
  properties: { ...money.properties, amount: { ...money.properties.amount, minimum: 1 } },
} as const;

/** A field a PATCH may clear by sending null. */
export const nullable = <S extends { type: string }>(schema: S) => ({ ...schema, type: [schema.type, 'null'] });

export const listOf = (items: object, maxItems: number = LIMITS.list) => ({ type: 'array', items, maxItems }) as const;

export const object = (properties: Record<string, object>, required: string[] = []) =>
  ({ type: 'object', additionalProperties: false, properties, required }) as const;

/** ?limit=1..100 (default 20) and ?cursor=, plus whatever the list adds. */
export const pageQuery = (extra: Record<string, object> = {}) =>
  object({
    limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
    cursor: { type: 'string', minLength: 1, maxLength: 2048 },
    ...extra,
  });
