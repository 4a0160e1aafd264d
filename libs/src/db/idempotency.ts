/**
 * Idempotency for POSTs that move money or create applications. The record is written in the SAME
 * transaction as the change it guards (a conditional Put on a fresh key), so a crash between the
 * change and the record is impossible, and two racing requests with one key cannot both win.
 * Keys are scoped per user and kept 24 hours (DynamoDB TTL on `expiresAt`).
 */
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from './transactions';
import { BusinessRule, ValidationError } from '../errors';
import { db } from './client';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const MAX_KEY_LENGTH = 255;

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

/** Hash of what the request asks for: the route and the canonical JSON of its body. */
export function requestHash(route: string, body: unknown): string {
  return createHash('sha256').update(route).update('\n').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The Idempotency-Key header. Required (money and applications): 400 when missing. Optional (loan
 * transitions): honoured when sent. Either way 400 when unusable.
 */
export function idempotencyKey(headers: Record<string, string | undefined>, options: { required: true }): string;
export function idempotencyKey(headers: Record<string, string | undefined>, options: { required: boolean }): string | undefined;
export function idempotencyKey(headers: Record<string, string | undefined>, { required }: { required: boolean }): string | undefined {
  const key = headers['idempotency-key']?.trim();
  if (!key && !required) return undefined;
  if (!key) {
    throw new ValidationError('The Idempotency-Key header is required', [{ field: 'Idempotency-Key', message: 'is required' }], 'IDEMPOTENCY_KEY_REQUIRED');
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new ValidationError('The Idempotency-Key header is too long', [{ field: 'Idempotency-Key', message: `at most ${MAX_KEY_LENGTH} characters` }]);
  }
  return key;
}

/**
 * What route()'s `idempotency` option hands a handler: whose request it is, its Idempotency-Key
 * (absent when the key is optional and was not sent: the request simply runs) and its fingerprint
 * (requestHash of method, path and validated body), so a handler never parses the header itself.
 */
export type IdempotentRequest = { userId: string; key: undefined } | { userId: string; key: string; fingerprint: string };

export type IdempotencyMode = 'required' | 'optional';

/** The IdempotentRequest for a request by `userId`: 400 when the key is required and missing, or unusable. */
export function idempotentRequest(
  userId: string,
  headers: Record<string, string | undefined>,
  mode: IdempotencyMode,
  route: string,
  body: unknown,
): IdempotentRequest {
  const key = idempotencyKey(headers, { required: mode === 'required' });
  return key === undefined ? { userId, key } : { userId, key, fingerprint: requestHash(route, body) };
}

export class IdempotencyStore {
  constructor(private readonly table: string) {}

  private key(userId: string, idempotencyKey: string) {
    return { pk: `IDEMPOTENCY#${userId}#${idempotencyKey}`, sk: 'IDEMPOTENCY' };
  }

  /** The first response for this key, if any; 422 when the key was used with another request. */
  async find(userId: string, idempotencyKey: string, hash: string): Promise<StoredResponse | undefined> {
    const out = await db().send(new GetCommand({ TableName: this.table, Key: this.key(userId, idempotencyKey), ConsistentRead: true }));
    const item = out.Item;
    if (!item || (item.expiresAt as number) < Math.floor(Date.now() / 1000)) return undefined;
    if (item.requestHash !== hash) {
      throw new BusinessRule('This Idempotency-Key was already used with a different request', 'IDEMPOTENCY_KEY_REUSED');
    }
    return item.response as StoredResponse;
  }

  /** The transaction item that records the response; fails the transaction if the key exists. */
  record(userId: string, idempotencyKey: string, hash: string, response: StoredResponse): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: {
          ...this.key(userId, idempotencyKey),
          requestHash: hash,
          response,
          createdAt: new Date().toISOString(),
          expiresAt: Math.floor(Date.now() / 1000) + IDEMPOTENCY_TTL_SECONDS,
        },
        // An expired record TTL has not yet removed counts as absent.
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
      },
    };
  }
}
