/**
 * The floor: DynamoDB Local doing the same calls each route makes, straight from this process with
 * @aws-sdk/lib-dynamodb (same client settings as libs/src/db/client.ts), on copies of the items
 * the HTTP run wrote:
 *   GET /gifts              1 Query (gsi1, newest first, 20)
 *   POST /gifts             1 conditional PutItem of a gift item
 *   GET /loans/{id}/schedule 1 consistent GetItem of the loan
 *   POST /repayments        GetItem (idempotency record) + consistent GetItem (loan) + TransactWriteItems
 *                           (loan put conditioned on its version, repayment, history, counter shard, idempotency record)
 *   GET /loans/stats/summary 1 consistent Query of the statistics partition
 * The copies live under BENCHRAW keys (no index keys on the loan copies) and are deleted at the end.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Call } from './load';
import type { Fixture } from './setup';

type Item = Record<string, unknown>;

export interface Raw {
  calls: Record<string, Call>;
  cleanup(): Promise<void>;
  destroy(): void;
}

export function rawClient(endpoint: string): DynamoDBDocumentClient {
  const base = new DynamoDBClient({ region: 'us-east-1', endpoint, maxAttempts: 3, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
}

const withoutIndexKeys = (item: Item): Item => Object.fromEntries(Object.entries(item).filter(([k]) => !/^gsi\d(pk|sk)$/.test(k)));

export async function prepareRaw(endpoint: string, tablePrefix: string, f: Fixture, clients: number): Promise<Raw> {
  const doc = rawClient(endpoint);
  const giftsTable = `${tablePrefix}-gift-tracker`;
  const loansTable = `${tablePrefix}-loans`;
  const one = async (input: ConstructorParameters<typeof QueryCommand>[0], what: string): Promise<Item> => {
    const item = (await doc.send(new QueryCommand(input))).Items?.[0];
    if (!item) throw new Error(`raw setup: no ${what} found to copy`);
    return item;
  };
  const gift = (await doc.send(new GetCommand({ TableName: giftsTable, Key: { pk: `USER#${f.user.id}`, sk: `GIFT#${f.giftIds[0]}` } }))).Item;
  if (!gift) throw new Error('raw setup: the setup gift is not in the gift-tracker table (has the key layout changed?)');
  const loanId = f.loanIds[0];
  const loan = (await doc.send(new GetCommand({ TableName: loansTable, Key: { pk: `LOAN#${loanId}`, sk: 'LOAN' } }))).Item;
  if (!loan) throw new Error('raw setup: the setup loan is not in the loans table');
  const repayment = await one(
    { TableName: loansTable, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `REPAYMENTS#${loanId}` }, Limit: 1 },
    'repayment',
  );
  const history = await one(
    {
      TableName: loansTable,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :h)',
      ExpressionAttributeValues: { ':p': `LOAN#${loanId}`, ':h': 'HISTORY#' },
      ScanIndexForward: false,
      Limit: 1,
    },
    'history entry',
  );

  // One loan copy per client, like the HTTP run's one loan per client.
  const run = randomUUID().slice(0, 8);
  const rawLoans = Array.from({ length: clients }, (_, i) => `BENCHRAW-${run}-${i}`);
  const written: Array<{ TableName: string; Key: Item }> = [];
  for (const id of rawLoans) {
    await doc.send(new PutCommand({ TableName: loansTable, Item: { ...withoutIndexKeys(loan), pk: `LOAN#${id}`, id } }));
    written.push({ TableName: loansTable, Key: { pk: `LOAN#${id}`, sk: 'LOAN' } });
  }
  const counterKeys = Array.from({ length: 10 }, (_, i) => ({ pk: `BENCHRAW-${run}-STATS`, sk: `COUNTERS#${String(i).padStart(2, '0')}` }));
  for (const Key of counterKeys) written.push({ TableName: loansTable, Key });

  const calls: Record<string, Call> = {
    'GET /gifts': async () => {
      await doc.send(
        new QueryCommand({
          TableName: giftsTable,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': `USER#${f.user.id}#GIFTS` },
          ScanIndexForward: false,
          Limit: 20,
        }),
      );
      return true;
    },
    'POST /gifts': async () => {
      const id = randomUUID();
      await doc.send(
        new PutCommand({
          TableName: giftsTable,
          Item: { ...gift, sk: `GIFT#${id}`, id, name: `Raw gift ${id}` },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    },
    'GET /loans/{id}/schedule': async () => {
      await doc.send(new GetCommand({ TableName: loansTable, Key: { pk: `LOAN#${loanId}`, sk: 'LOAN' }, ConsistentRead: true }));
      return true;
    },
    'POST /repayments': async (client) => {
      const id = rawLoans[client % rawLoans.length];
      const key = randomUUID();
      await doc.send(new GetCommand({ TableName: loansTable, Key: { pk: `IDEMPOTENCY#BENCHRAW#${key}`, sk: 'IDEMPOTENCY' }, ConsistentRead: true }));
      const current = (await doc.send(new GetCommand({ TableName: loansTable, Key: { pk: `LOAN#${id}`, sk: 'LOAN' }, ConsistentRead: true }))).Item;
      if (!current) throw new Error(`bench loan ${id} is gone (cleaned up while the bench ran?)`);
      const version = Number(current.version);
      const repaymentId = randomUUID();
      const idemKey = { pk: `IDEMPOTENCY#BENCHRAW#${key}`, sk: 'IDEMPOTENCY' };
      const counterKey = counterKeys[Math.floor(Math.random() * counterKeys.length)];
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: loansTable,
                Item: { ...current, version: version + 1 },
                ConditionExpression: '#v = :read',
                ExpressionAttributeNames: { '#v': 'version' },
                ExpressionAttributeValues: { ':read': version },
              },
            },
            {
              Put: {
                TableName: loansTable,
                Item: { ...repayment, pk: `REPAYMENT#${repaymentId}`, id: repaymentId, loanId: id, gsi1pk: `REPAYMENTS#${id}`, gsi1sk: repaymentId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: loansTable,
                Item: { ...history, pk: `LOAN#${id}`, sk: `HISTORY#${String(version + 1).padStart(12, '0')}#00` },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: loansTable,
                Key: counterKey,
                UpdateExpression: 'ADD repaymentsCount :one, repaidAmount :amount',
                ExpressionAttributeValues: { ':one': 1, ':amount': 100 },
              },
            },
            {
              Put: {
                TableName: loansTable,
                Item: {
                  ...idemKey,
                  response: { statusCode: 201, body: { repayment, loan: withoutIndexKeys(current) } },
                  expiresAt: Math.floor(Date.now() / 1000) + 86_400,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      written.push({ TableName: loansTable, Key: { pk: `REPAYMENT#${repaymentId}`, sk: repayment.sk } }, { TableName: loansTable, Key: idemKey });
      return true;
    },
    'GET /loans/stats/summary': async () => {
      await doc.send(
        new QueryCommand({ TableName: loansTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'STATS' }, ConsistentRead: true }),
      );
      return true;
    },
  };

  return {
    calls,
    async cleanup() {
      // The raw copies only (HTTP-made data stays: it is the bench user's own). History rows go with their loan copies.
      for (const id of rawLoans) {
        let start: Item | undefined;
        do {
          const page = await doc.send(
            new QueryCommand({
              TableName: loansTable,
              KeyConditionExpression: 'pk = :p',
              ExpressionAttributeValues: { ':p': `LOAN#${id}` },
              ProjectionExpression: 'pk, sk',
              ExclusiveStartKey: start,
            }),
          );
          for (const Key of page.Items ?? []) written.push({ TableName: loansTable, Key });
          start = page.LastEvaluatedKey;
        } while (start);
      }
      for (let i = 0; i < written.length; i += 16) {
        await Promise.all(written.slice(i, i + 16).map((d) => doc.send(new DeleteCommand(d))));
      }
    },
    destroy: () => doc.destroy(),
  };
}
