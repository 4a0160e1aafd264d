/**
 * One JSON Schema per request body/query, compiled once per container with Ajv. Failures become a
 * 400 VALIDATION_FAILED whose `details` name each field. Strings are trimmed before validation
 * (passwords excepted: their spaces are part of them).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ValidationError, type ErrorDetail } from '../errors';
import { isCurrency } from '../money/currency';
import { isTimeZone, parseDate } from '../dates';
import { isId } from '../ids';

export type Schema = Record<string, unknown>;

function withFormats(ajv: Ajv): Ajv {
  addFormats(ajv, ['email', 'uri', 'date-time']);
  ajv.addFormat('date', { type: 'string', validate: (s: string) => parseDate(s) !== undefined });
  ajv.addFormat('currency', { type: 'string', validate: (s: string) => isCurrency(s) });
  ajv.addFormat('timezone', { type: 'string', validate: (s: string) => isTimeZone(s) });
  ajv.addFormat('ulid', { type: 'string', validate: (s: string) => isId(s) });
  return ajv;
}

const bodies = withFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false }));
// Query strings are text: let Ajv read "20" as 20 there, and only there.
const queries = withFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: true, useDefaults: true }));

const fieldOf = (e: ErrorObject): string => {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra =
    (e.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ?? (e.params as { additionalProperty?: string }).additionalProperty;
  return [path, extra].filter(Boolean).join('.') || '(body)';
};

const messageOf = (e: ErrorObject): string => {
  if (e.keyword === 'required') return 'is required';
  if (e.keyword === 'additionalProperties') return 'is not a known field';
  if (e.keyword === 'format') return `must be a valid ${String((e.params as { format: string }).format)}`;
  if (e.keyword === 'enum') return `must be one of: ${((e.params as { allowedValues: unknown[] }).allowedValues).join(', ')}`;
  return e.message ?? 'is invalid';
};

export function detailsOf(errors: ErrorObject[] | null | undefined): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const e of errors ?? []) {
    if (e.keyword === 'if') continue; // the failing `then` branch already says what is wrong
    const detail = { field: fieldOf(e), message: messageOf(e) };
    const key = `${detail.field}|${detail.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      details.push(detail);
    }
  }
  return details;
}

export type Validator<T> = (value: unknown) => T;

function build<T>(ajv: Ajv, schema: Schema, what: string): Validator<T> {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value: unknown): T => {
    if (!validate(value)) throw new ValidationError(`The ${what} is not valid`, detailsOf(validate.errors));
    return value as T;
  };
}

/** A validator generated at build time (Ajv standalone code): no compilation when the container starts. */
export function generatedValidator<T>(validate: { (data: unknown): boolean; errors?: unknown[] | null }, what: string): Validator<T> {
  return (value: unknown): T => {
    if (!validate(value)) throw new ValidationError(`The ${what} is not valid`, detailsOf(validate.errors as ErrorObject[] | null | undefined));
    return value as T;
  };
}

export const bodyValidator = <T>(schema: Schema): Validator<T> => build<T>(bodies, schema, 'request body');
export const queryValidator = <T>(schema: Schema): Validator<T> => build<T>(queries, schema, 'query string');

const KEEP_AS_IS = /password/i;

/** Trims every string in a parsed body, except password fields. */
export function trimStrings(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return KEEP_AS_IS.test(key) ? value : value.trim();
  if (Array.isArray(value)) return value.map((v) => trimStrings(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimStrings(v, k)]));
  }
  return value;
}
