/**
 * UserRepository: users on the `identity` table (see docs/identity.md).
 *   USER#<id>            / PROFILE          the user
 *   USER#<id>            / ROLE#<role>      role membership, indexed by gsi1 (ROLE#<role>, <id>)
 *   EMAIL#<lower email>  / EMAIL            unique email -> user id
 *   EXTERNAL#cognito#<sub> / EXTERNAL       Cognito subject -> user id (created on first sight)
 */
import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../auth/roles';
import { cancellationReasons, db, isConditionFailed, queryPage, tableName, type Page, type PageRequest, type TransactItem } from '../db';
import { Conflict, NotFound } from '../errors';
import { newId } from '../ids';

export interface UserRecord {
  id: string;
  email: string | null;
  name: string;
  roles: Role[];
  disabled: boolean;
  timezone: string;
  defaultCurrency: string;
  passwordHash?: string;
  /** Refresh families created before this instant (epoch ms) are void: set by a password change. */
  sessionsValidAfter?: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type PublicUser = Omit<UserRecord, 'passwordHash' | 'sessionsValidAfter'>;

export const table = () => tableName('identity');
const userKey = (id: string) => ({ pk: `USER#${id}`, sk: 'PROFILE' });
const emailKey = (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'EMAIL' });
const roleItem = (id: string, role: Role) => ({ pk: `USER#${id}`, sk: `ROLE#${role}`, gsi1pk: `ROLE#${role}`, gsi1sk: id, userId: id });
const externalKey = (provider: string, subject: string) => ({ pk: `EXTERNAL#${provider}#${subject}`, sk: 'EXTERNAL' });

export function toPublicUser(record: UserRecord): PublicUser {
  const { passwordHash: _hash, sessionsValidAfter: _valid, ...rest } = record;
  return rest;
}

function fromItem(item: Record<string, unknown>): UserRecord {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as UserRecord;
}

export interface NewUser {
  email: string | null;
  name: string;
  roles: Role[];
  passwordHash?: string;
  external?: { provider: string; subject: string };
  /** false: keep the email for display without claiming it (Cognito owns its users' emails). */
  claimEmail?: boolean;
}

export class UserRepository {
  /** Creates the user, its email claim, role memberships (and external link) in one transaction. */
  async create(input: NewUser, alsoWrite: (user: UserRecord) => TransactItem[] = () => []): Promise<UserRecord> {
    const now = new Date().toISOString();
    const user: UserRecord = {
      id: newId(),
      email: input.email,
      name: input.name,
      roles: input.roles,
      disabled: false,
      timezone: 'UTC',
      defaultCurrency: 'USD',
      ...(input.passwordHash ? { passwordHash: input.passwordHash } : {}),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const put = (Item: Record<string, unknown>): TransactItem => ({
      Put: { TableName: table(), Item, ConditionExpression: 'attribute_not_exists(pk)' },
    });
    const items: TransactItem[] = [put({ ...userKey(user.id), ...user })];
    const claimEmail = !!input.email && input.claimEmail !== false;
    if (input.email && claimEmail) items.push(put({ ...emailKey(input.email), userId: user.id }));
    if (input.external) items.push(put({ ...externalKey(input.external.provider, input.external.subject), userId: user.id }));
    for (const role of input.roles) items.push(put(roleItem(user.id, role)));
    try {
      await db().send(new TransactWriteCommand({ TransactItems: [...items, ...alsoWrite(user)] }));
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (claimEmail && reasons?.[1] === 'ConditionalCheckFailed') throw new Conflict('An account with this email already exists', 'EMAIL_TAKEN');
      if (input.external && reasons?.some((r) => r === 'ConditionalCheckFailed')) throw new Conflict('This identity is already linked', 'ALREADY_LINKED');
      throw error;
    }
    return user;
  }

  async get(id: string): Promise<UserRecord | undefined> {
    const out = await db().send(new GetCommand({ TableName: table(), Key: userKey(id) }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  async require(id: string): Promise<UserRecord> {
    const user = await this.get(id);
    if (!user) throw new NotFound('User');
    return user;
  }

  async idByEmail(email: string): Promise<string | undefined> {
    const out = await db().send(new GetCommand({ TableName: table(), Key: emailKey(email) }));
    return out.Item?.userId as string | undefined;
  }

  async idByExternal(provider: string, subject: string): Promise<string | undefined> {
    const out = await db().send(new GetCommand({ TableName: table(), Key: externalKey(provider, subject) }));
    return out.Item?.userId as string | undefined;
  }

  /**
   * Sets fields on an existing user, bumping `version`. With `expectedVersion`, a stale version is
   * a 409; a user that does not exist is a 404 (never re-created by an update).
   */
  async update(id: string, fields: Partial<Omit<UserRecord, 'id' | 'createdAt' | 'version'>>, expectedVersion?: number): Promise<UserRecord> {
    const set = { ...fields, updatedAt: new Date().toISOString() };
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':one': 1 };
    const assignments = Object.entries(set).map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:v${i}`] = v;
      return `#f${i} = :v${i}`;
    });
    let condition = 'attribute_exists(pk)';
    if (expectedVersion !== undefined) {
      condition += ' AND #version = :expected';
      values[':expected'] = expectedVersion;
    }
    try {
      const out = await db().send(
        new UpdateCommand({
          TableName: table(),
          Key: userKey(id),
          UpdateExpression: `SET ${assignments.join(', ')} ADD #version :one`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      // ALL_NEW of an update that succeeded always has the item.
      return fromItem(out.Attributes ?? {});
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      if (expectedVersion === undefined) throw new NotFound('User');
      const current = await this.get(id);
      if (!current) throw new NotFound('User');
      throw new Conflict(`The user changed since version ${expectedVersion} (now ${current.version})`, 'VERSION_CONFLICT');
    }
  }

  /** Replaces the role set (memberships follow in the same transaction). */
  async setRoles(user: UserRecord, roles: Role[]): Promise<UserRecord> {
    const now = new Date().toISOString();
    const removed = user.roles.filter((r) => !roles.includes(r));
    const added = roles.filter((r) => !user.roles.includes(r));
    const items: TransactItem[] = [
      {
        Update: {
          TableName: table(),
          Key: userKey(user.id),
          UpdateExpression: 'SET #roles = :roles, updatedAt = :now ADD #version :one',
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#roles': 'roles', '#version': 'version' },
          ExpressionAttributeValues: { ':roles': roles, ':now': now, ':one': 1, ':expected': user.version },
        },
      },
      ...removed.map((r): TransactItem => ({ Delete: { TableName: table(), Key: { pk: `USER#${user.id}`, sk: `ROLE#${r}` } } })),
      ...added.map((r): TransactItem => ({ Put: { TableName: table(), Item: roleItem(user.id, r) } })),
    ];
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') throw new Conflict('The user changed meanwhile; try again', 'VERSION_CONFLICT');
      throw error;
    }
    return { ...user, roles, updatedAt: now, version: user.version + 1 };
  }

  /** Users holding a role (every user holds `user`), by id, one page: a Query on gsi1 then one BatchGet. */
  async listByRole(role: Role, page: PageRequest): Promise<Page<PublicUser>> {
    const ids = await queryPage<string>(
      {
        TableName: table(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :role',
        ExpressionAttributeValues: { ':role': `ROLE#${role}` },
      },
      page,
      ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
      (item) => item.userId as string,
    );
    if (ids.items.length === 0) return { items: [], nextCursor: ids.nextCursor };
    const byId = new Map<string, PublicUser>();
    let keys: Record<string, unknown>[] | undefined = ids.items.map(userKey);
    // At most 100 keys a page (BatchGet's limit); unprocessed keys only come back under throttling.
    for (let attempt = 0; keys?.length && attempt < 5; attempt++) {
      const out: BatchGetCommandOutput = await db().send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: keys } } }));
      for (const item of out.Responses?.[table()] ?? []) byId.set(item.id as string, toPublicUser(fromItem(item)));
      keys = out.UnprocessedKeys?.[table()]?.Keys;
    }
    return { items: ids.items.map((id) => byId.get(id)).filter((u): u is PublicUser => !!u), nextCursor: ids.nextCursor };
  }
}

export const users = new UserRepository();
