/**
 * SessionRepository: refresh-token families and login throttling on the `identity` table.
 *   FAMILY#<familyId>   / FAMILY     one login's session: userId, createdAt (epoch ms), revokedAt?
 *   REFRESH#<sha256>    / REFRESH    one refresh token (stored hashed): familyId, userId, usedAt?
 *   LOGINFAIL#<email>   / LOGINFAIL  failed logins in the current 15-minute window
 * Every item carries `expiresAt` (epoch seconds) for DynamoDB TTL.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, TransactWriteCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, db, isConditionFailed, type TransactItem } from '../db';
import { table } from './users';

export const REFRESH_TTL_SECONDS = 30 * 24 * 60 * 60;

export interface RefreshToken {
  tokenHash: string;
  familyId: string;
  userId: string;
  usedAt?: number;
  expiresAt: number;
}

export interface Family {
  familyId: string;
  userId: string;
  createdAt: number;
  revokedAt?: number;
}

export interface LoginFailures {
  count: number;
  windowStart: number; // epoch ms
}

const familyKey = (id: string) => ({ pk: `FAMILY#${id}`, sk: 'FAMILY' });
const tokenKey = (hash: string) => ({ pk: `REFRESH#${hash}`, sk: 'REFRESH' });
const failKey = (email: string) => ({ pk: `LOGINFAIL#${email.toLowerCase()}`, sk: 'LOGINFAIL' });

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');
const ttl = () => Math.floor(Date.now() / 1000) + REFRESH_TTL_SECONDS;

export type RotateOutcome = 'rotated' | 'reused' | 'revoked';

export class SessionRepository {
  /** Items that start a new family with its first token, for the caller's transaction. */
  startFamily(userId: string, familyId: string, token: string): TransactItem[] {
    const expiresAt = ttl();
    return [
      {
        Put: {
          TableName: table(),
          Item: { ...familyKey(familyId), familyId, userId, createdAt: Date.now(), expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: table(),
          Item: { ...tokenKey(hashToken(token)), tokenHash: hashToken(token), familyId, userId, expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
  }

  async write(items: TransactItem[]): Promise<void> {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  }

  async token(token: string): Promise<RefreshToken | undefined> {
    const out = await db().send(new GetCommand({ TableName: table(), Key: tokenKey(hashToken(token)), ConsistentRead: true }));
    const item = out.Item as RefreshToken | undefined;
    return item && item.expiresAt > Date.now() / 1000 ? item : undefined;
  }

  async family(familyId: string): Promise<Family | undefined> {
    const out = await db().send(new GetCommand({ TableName: table(), Key: familyKey(familyId), ConsistentRead: true }));
    return out.Item as Family | undefined;
  }

  /**
   * Marks the old token used and issues its successor, only if neither the token was used before
   * nor the family revoked meanwhile (a concurrent reuse loses here and is treated as reuse).
   */
  async rotate(old: RefreshToken, next: string): Promise<RotateOutcome> {
    const now = Date.now();
    try {
      await this.write([
        {
          Update: {
            TableName: table(),
            Key: tokenKey(old.tokenHash),
            UpdateExpression: 'SET usedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
            ExpressionAttributeValues: { ':now': now },
          },
        },
        {
          ConditionCheck: {
            TableName: table(),
            Key: familyKey(old.familyId),
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          },
        },
        {
          Put: {
            TableName: table(),
            Item: { ...tokenKey(hashToken(next)), tokenHash: hashToken(next), familyId: old.familyId, userId: old.userId, expiresAt: ttl() },
          },
        },
      ]);
      return 'rotated';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[0] === 'ConditionalCheckFailed') return 'reused';
      if (reasons?.[1] === 'ConditionalCheckFailed') return 'revoked';
      throw error;
    }
  }

  async revokeFamily(familyId: string): Promise<void> {
    await db()
      .send(
        new UpdateCommand({
          TableName: table(),
          Key: familyKey(familyId),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': Date.now() },
        }),
      )
      .catch((error) => {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      });
  }

  async loginFailures(email: string): Promise<LoginFailures | undefined> {
    const out = await db().send(new GetCommand({ TableName: table(), Key: failKey(email), ConsistentRead: true }));
    return out.Item as LoginFailures | undefined;
  }

  /**
   * Takes one login try for `email`, atomically, before the password is checked: parallel tries
   * cannot all slip under the limit. A window starts with its first try and lasts `windowMs`;
   * a successful login clears it (clearLoginFailures). Answers the window when it is used up.
   */
  async takeLoginAttempt(
    email: string,
    max: number,
    windowMs: number,
    now = Date.now(),
  ): Promise<{ allowed: true } | { allowed: false; window: LoginFailures }> {
    const key = failKey(email);
    const values = { ':one': 1, ':cutoff': now - windowMs };
    const attempt = async (update: Omit<UpdateCommandInput, 'TableName' | 'Key'>): Promise<boolean> => {
      try {
        await db().send(new UpdateCommand({ TableName: table(), Key: key, ...update }));
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    };
    for (let round = 0; round < 3; round++) {
      // No window yet (the usual case), or an old one: this try starts a new window.
      const started = await attempt({
        UpdateExpression: 'SET #count = :one, windowStart = :now, expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(pk) OR windowStart <= :cutoff',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ...values, ':now': now, ':exp': Math.ceil((now + windowMs) / 1000) },
      });
      if (started) return { allowed: true };
      // A live window: one more try while any are left.
      const counted = await attempt({
        UpdateExpression: 'ADD #count :one',
        ConditionExpression: 'windowStart > :cutoff AND #count < :max',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ...values, ':max': max },
      });
      if (counted) return { allowed: true };
      const window = await this.loginFailures(email);
      if (window && window.windowStart > now - windowMs && window.count >= max) return { allowed: false, window };
      // The window was cleared or ended meanwhile: take the try again.
    }
    throw new Error(`login attempts for one email kept changing in 3 rounds`);
  }

  async clearLoginFailures(email: string): Promise<void> {
    await db().send(new DeleteCommand({ TableName: table(), Key: failKey(email) }));
  }
}

export const sessions = new SessionRepository();
