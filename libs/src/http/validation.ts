/**
 * Request validation at run time: the validators `npm run contract` generated from the route
 * contracts (Ajv standalone code, no schema compiled when a container starts), their failures as a
 * 400 VALIDATION_FAILED whose `details` name each field, and the trimming of strings before
 * validation (passwords excepted: their spaces are part of them).
 */
import type { ErrorObject } from 'ajv';
import { ValidationError, type ErrorDetail } from '../errors';

const fieldOf = (e: ErrorObject): string => {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra =
    (e.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ?? (e.params as { additionalProperty?: string }).additionalProperty;
  return [path, extra].filter(Boolean).join('.') || '(body)';
};

/** What a person reads beside the field: the validator's keyword in words (Ajv's own text is for programmers). */
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const messageOf = (e: ErrorObject): string => {
  const p = e.params as { limit?: number; format?: string; allowedValues?: unknown[]; type?: string | string[]; allowedValue?: unknown };
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'format':
      return `must be a valid ${String(p.format)}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues ?? []).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'type':
      return `must be ${[p.type ?? []]
        .flat()
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' or ')}`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${plural(Number(p.limit), 'character', 'characters')}`;
    case 'maxLength':
      return `must be at most ${plural(Number(p.limit), 'character', 'characters')}`;
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${p.limit}`;
    case 'minItems':
      return `must have at least ${plural(Number(p.limit), 'item', 'items')}`;
    case 'maxItems':
      return `must have at most ${plural(Number(p.limit), 'item', 'items')}`;
    case 'pattern':
      return 'is not in the expected format';
    default:
      return e.message ?? 'is invalid';
  }
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

/** A validator generated at build time (Ajv standalone code): no compilation when the container starts. */
export function generatedValidator<T>(validate: { (data: unknown): boolean; errors?: unknown[] | null }, what: string): Validator<T> {
  return (value: unknown): T => {
    if (!validate(value)) throw new ValidationError(`The ${what} is not valid`, detailsOf(validate.errors as ErrorObject[] | null | undefined));
    return value as T;
  };
}

const KEEP_AS_IS = /password/i;
/** C0 and C1 control characters but tab and newline. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters in text is what this expression is for
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function cleanString(text: string, field: string, trim: boolean): string {
  if (CONTROL.test(text) || LONE_SURROGATE.test(text)) {
    const message = 'must not contain control characters (other than tab and newline) or unpaired surrogates';
    throw new ValidationError(`${field} has characters that text may not hold`, [{ field, message }]);
  }
  const normalized = text.normalize('NFC');
  return trim ? normalized.trim() : normalized;
}

/**
 * Text as the platform stores it, for every string of a body or query: control characters (but
 * tab and newline) and unpaired surrogates are a 400 naming the field; the rest is NFC-normalised
 * and trimmed. Passwords are left exactly as sent (their spaces and code points are theirs).
 * Bodies are at most 32 levels deep by now (body.ts), so the recursion is bounded.
 */
export function normalizeText(value: unknown, options: { trim?: boolean } = {}, path = '', key = ''): unknown {
  if (typeof value === 'string') return KEEP_AS_IS.test(key) ? value : cleanString(value, path || '(body)', options.trim !== false);
  if (Array.isArray(value)) return value.map((v, i) => normalizeText(v, options, path ? `${path}.${i}` : String(i), key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeText(v, options, path ? `${path}.${k}` : k, k)]));
  }
  return value;
}
