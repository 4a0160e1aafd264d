/**
 * Scale: the same request against a small and a large data set, timed by invoking the handler
 * bundles in this process (inproc.ts), small and large alternating in short bursts so that the
 * machine's load drifts over both alike. The data is seeded through the repositories (their item
 * layouts), in BatchWriteItem batches of 25, not over HTTP:
 *   GET /loans/stats/summary  over a table of 100 loans and one of 10,000 (two instances of the handler)
 *   GET /gifts                one user with 100 gifts, one with 100,000: the first page and a deep one
 *   GET /events/upcoming      one user with 10 birthdays, one with 1,000
 */
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { authorizerContext } from '@platform/libs/auth/context';
import { config } from '@platform/libs/config';
import { db, tableName } from '@platform/libs/db';
import { addDays, formatDate, todayIn } from '@platform/libs/dates';
import { newId } from '@platform/libs/ids';
import { contacts, events, gifts } from '@platform/gift-tracker/repositories';
import type { Gift } from '@platform/gift-tracker/model';
import { windowInAnyTimezone } from '@platform/gift-tracker/domain/occurrences';
import { loans } from '@platform/loans/repositories/loans';
import { toItem as loanItem } from '@platform/loans/repositories/loan-items';
import { ensureTables, readTableDefinitions, type TableDefinition } from '../local/tables';
import { restEvent } from './cold';
import { type Handler, lambdaContext, quiet } from './inproc';
import { percentile } from './load';

export interface ScaleRow {
  scenario: string;
  small: { n: number; p50: number; p99: number; calls: number };
  large: { n: number; p50: number; p99: number; calls: number };
  ratio: number;
  /** the same DynamoDB read through the repository alone (no handler), small vs large p50: what DynamoDB Local itself does */
  repositoryRatio?: number;
  budget: number;
  load1: number;
  note?: string;
}

type Item = Record<string, unknown>;

/** BatchWriteItem, 25 at a time, `lanes` batches in flight; unprocessed items are sent again. */
async function putAll(table: string, items: Item[], lanes = 6): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const batch = items.slice(next, next + 25);
      next += 25;
      let requests: Item[] = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length; attempt += 1) {
        const out = await db().send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (out.UnprocessedItems?.[table] as Item[] | undefined) ?? [];
        if (requests.length) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

const user = (userId: string) => ({ principalId: userId, ...authorizerContext({ userId, roles: ['user'], source: 'platform' }) });

/** Small and large alternate, `rounds` bursts of `burstMs` each; latencies of successful calls. */
async function alternate(a: () => Promise<unknown>, b: () => Promise<unknown>, totalMs: number): Promise<[number[], number[]]> {
  const out: [number[], number[]] = [[], []];
  const rounds = 8;
  const burst = totalMs / rounds / 2;
  for (let r = 0; r < rounds; r += 1) {
    for (const [i, call] of [a, b].entries()) {
      const end = performance.now() + burst;
      while (performance.now() < end) {
        const t0 = performance.now();
        await call();
        out[i].push(performance.now() - t0);
      }
    }
  }
  return out;
}

const p50Ratio = ([a, b]: [number[], number[]]) =>
  percentile(
    [...b].sort((x, y) => x - y),
    50,
  ) /
  percentile(
    [...a].sort((x, y) => x - y),
    50,
  );

/**
 * An empty table beside the platform's loans table (`<prefix>-<name>-loans`); `seed` puts a copy of
 * the platform's statistics partition and `count` loans in it: what the summary of a platform with
 * that many loans reads. `read` is that read alone (the repository's one Query).
 */
async function loansTable(name: string) {
  const { tablePrefix, dynamodbEndpoint } = config();
  const client = new DynamoDBClient({ endpoint: dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const definition = readTableDefinitions().find((t) => t.name === 'loans') as TableDefinition;
  await ensureTables(client, tablePrefix.replace(/^platform-/, ''), undefined, [{ ...definition, name: `${name}-loans` }]);
  client.destroy();
  const table = `${tablePrefix}-${name}-loans`;
  const statistics = (TableName: string) =>
    new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'STATS' }, ConsistentRead: true });
  return {
    prefix: `${tablePrefix}-${name}`,
    seed: async (loanItems: Item[]) => putAll(table, [...((await db().send(statistics(tableName('loans')))).Items ?? []), ...loanItems]),
    read: () => db().send(statistics(table)),
  };
}

/**
 * Another instance of a handler bundle loaded in this process, whose code reads `env`: libs/src/config
 * reads the environment once per instance, at its first call (`first`, made here with `env` set).
 */
async function instanceWith<T>(handler: Handler, env: Record<string, string>, first: (instance: Handler) => Promise<T>): Promise<[Handler, T]> {
  const file = Object.values(require.cache).find((m) => m?.exports?.handler === handler)?.filename;
  if (!file) throw new Error('instanceWith: the handler is not a bundle loaded with require()');
  const [loaded, saved] = [require.cache[file], Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))];
  delete require.cache[file];
  Object.assign(process.env, env);
  try {
    const instance = (require(file) as { handler: Handler }).handler;
    return [instance, await first(instance)];
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    require.cache[file] = loaded;
  }
}

function row(scenario: string, n: [number, number], lat: [number[], number[]], budget: number, load1: () => number, note?: string): ScaleRow {
  const [s, l] = lat.map((x) => [...x].sort((p, q) => p - q));
  const small = { n: n[0], p50: percentile(s, 50), p99: percentile(s, 99), calls: s.length };
  const large = { n: n[1], p50: percentile(l, 50), p99: percentile(l, 99), calls: l.length };
  return { scenario, small, large, ratio: large.p50 / small.p50, budget, load1: load1(), ...(note ? { note } : {}) };
}

const expectStatus = async (reply: Promise<{ statusCode: number; body: string }>, status: number, what: string) => {
  const r = await reply;
  if (r.statusCode !== status) throw new Error(`${what}: ${r.statusCode} ${String(r.body).slice(0, 200)}`);
  return r;
};

export interface ScaleOptions {
  handlers: { summary: Handler; listGifts: Handler; upcoming: Handler };
  /** a disbursed loan to copy */
  templateLoanId: string;
  accountant: Record<string, string>;
  sizes: { loans: number; gifts: number; birthdays: number };
  durationMs: number;
  log: (line: string) => void;
  load1: () => number;
}

export async function scaleScenarios(o: ScaleOptions): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  const { log } = o;
  const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

  // Loans: the summary over a table of 100 loans and one of o.sizes.loans, both seeded first (each with
  // a copy of the statistics partition, so both answer the same), then alternating like the others.
  const template = await loans.require(o.templateLoanId);
  const loanItems = (count: number) => Array.from({ length: count }, () => loanItem({ ...template, id: newId(), version: 1 }));
  let t0 = performance.now();
  const summaryEvent = () => restEvent({ method: 'GET', path: '/loans/stats/summary', resource: '/loans/stats/summary', authorizer: o.accountant });
  const activeLoans = async (handler: Handler) =>
    JSON.parse((await expectStatus(handler(summaryEvent(), lambdaContext('summary')), 200, 'summary')).body).countsByStatus.active as number;
  const summaryOver = async (name: string, count: number) => {
    const table = await loansTable(name);
    // Its first answer, over the still empty table, shows the instance reads that table (the platform's has active loans).
    const [handler, active] = await instanceWith(o.handlers.summary, { TABLE_PREFIX: table.prefix }, (h) => quiet(() => activeLoans(h)));
    if (active !== 0) throw new Error(`the summary over ${name} does not read its own table`);
    await table.seed(loanItems(count));
    return { handler, read: table.read, call: () => expectStatus(handler(summaryEvent(), lambdaContext('summary')), 200, 'summary') };
  };
  const [few, many] = [await summaryOver('scale-few', 100), await summaryOver('scale-many', o.sizes.loans)];
  if ((await quiet(() => activeLoans(few.handler))) !== (await quiet(() => activeLoans(many.handler)))) throw new Error('the two summaries differ');
  log(`  seeded tables of 100 and ${o.sizes.loans} loans (${seconds(t0)})`);
  await quiet(async () => {
    for (let i = 0; i < 20; i += 1) await Promise.all([few.call(), many.call()]);
  });
  rows.push({
    ...row('GET /loans/stats/summary (loans)', [100, o.sizes.loans], await quiet(() => alternate(few.call, many.call, o.durationMs)), 1.2, o.load1),
    repositoryRatio: p50Ratio(await alternate(few.read, many.read, o.durationMs / 2)),
  });

  // Gifts: one user with 100, one with o.sizes.gifts; the first page (20) and a page halfway down.
  t0 = performance.now();
  const [smallUser, largeUser] = [`bench-scale-${newId()}`, `bench-scale-${newId()}`];
  const giftItems = (userId: string, count: number) =>
    Array.from({ length: count }, (_, i) => {
      const now = new Date().toISOString();
      const gift: Gift = {
        id: newId(),
        name: `Scale gift ${i}`,
        direction: i % 2 ? 'given' : 'received',
        status: 'idea',
        contactId: null,
        eventId: null,
        price: null,
        url: null,
        store: null,
        notes: null,
        date: `20${String(10 + (i % 15)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        images: [],
        createdAt: now,
        updatedAt: now,
        version: 1,
      } as Gift;
      const put = gifts.createItem(userId, gift, `scale gift ${i}`) as { Put: { Item: Item } };
      return put.Put.Item;
    });
  await putAll(tableName('gift-tracker'), giftItems(smallUser, 100));
  for (let done = 0; done < o.sizes.gifts; done += 10_000)
    await putAll(tableName('gift-tracker'), giftItems(largeUser, Math.min(10_000, o.sizes.gifts - done)));
  log(`  seeded 100 + ${o.sizes.gifts} gifts (${seconds(t0)})`);
  const deepCursor = async (userId: string, depth: number) => {
    let cursor: string | undefined;
    for (let seen = 0; seen < depth; ) {
      const page = await gifts.list(userId, {}, { limit: 100, cursor });
      seen += page.items.length;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return cursor;
  };
  t0 = performance.now();
  const [smallDeep, largeDeep] = [await deepCursor(smallUser, 60), await deepCursor(largeUser, Math.floor(o.sizes.gifts / 2))];
  log(`  cursors at item 60 of 100 and ${Math.floor(o.sizes.gifts / 2)} of ${o.sizes.gifts} (${seconds(t0)})`);
  const list = (userId: string, cursor?: string) => () =>
    expectStatus(
      o.handlers.listGifts(
        restEvent({ method: 'GET', path: '/gifts', resource: '/gifts', query: { limit: '20', ...(cursor ? { cursor } : {}) }, authorizer: user(userId) }),
        lambdaContext('list'),
      ),
      200,
      'GET /gifts',
    );
  rows.push(
    row(
      'GET /gifts first page (gifts of one user)',
      [100, o.sizes.gifts],
      await quiet(() => alternate(list(smallUser), list(largeUser), o.durationMs)),
      1.2,
      o.load1,
    ),
  );
  const repoPage = (userId: string, cursor?: string) => () => gifts.list(userId, {}, { limit: 20, cursor });
  rows[rows.length - 1].repositoryRatio = p50Ratio(await alternate(repoPage(smallUser), repoPage(largeUser), o.durationMs / 2));
  rows.push({
    ...row(
      'GET /gifts deep page (gifts of one user)',
      [100, o.sizes.gifts],
      await quiet(() => alternate(list(smallUser, smallDeep), list(largeUser, largeDeep), o.durationMs)),
      1.2,
      o.load1,
      `page at item 60 of 100 vs ${Math.floor(o.sizes.gifts / 2)} of ${o.sizes.gifts}`,
    ),
    repositoryRatio: p50Ratio(await alternate(repoPage(smallUser, smallDeep), repoPage(largeUser, largeDeep), o.durationMs / 2)),
  });

  // Birthdays: /events/upcoming (30 days) for a user with 10 and one with o.sizes.birthdays, spread over the year.
  t0 = performance.now();
  const [fewUser, manyUser] = [`bench-scale-${newId()}`, `bench-scale-${newId()}`];
  const seedBirthdays = async (userId: string, count: number) => {
    for (let i = 0; i < count; i += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, count - i) }, (_, k) => {
          const n = i + k;
          const now = new Date().toISOString();
          // every count-th day of the year (the month and day of n % 12 and 7n % 28 fell on 12 dates only)
          const birthday = formatDate(addDays({ year: 1950 + (n % 40), month: 1, day: 1 }, Math.floor((n * 365) / count)));
          const contact = { id: newId(), name: `Scale contact ${n}`, birthday, createdAt: now, updatedAt: now, version: 1 };
          return contacts.create(userId, contact as Parameters<typeof contacts.create>[1], `scale contact ${n}`);
        }),
      );
    }
  };
  await seedBirthdays(fewUser, 10);
  await seedBirthdays(manyUser, o.sizes.birthdays);
  log(`  seeded 10 + ${o.sizes.birthdays} birthdays (${seconds(t0)})`);
  const upcoming = (userId: string) => () =>
    expectStatus(
      o.handlers.upcoming(
        restEvent({ method: 'GET', path: '/events/upcoming', resource: '/events/upcoming', query: { days: '30' }, authorizer: user(userId) }),
        lambdaContext('upcoming'),
      ),
      200,
      'GET /events/upcoming',
    );
  rows.push(
    row(
      'GET /events/upcoming (birthdays)',
      [10, o.sizes.birthdays],
      await quiet(() => alternate(upcoming(fewUser), upcoming(manyUser), o.durationMs)),
      2,
      o.load1,
    ),
  );
  const calendar = (userId: string) => () => events.calendar(userId, windowInAnyTimezone(todayIn('UTC'), 30));
  rows[rows.length - 1].repositoryRatio = p50Ratio(await alternate(calendar(fewUser), calendar(manyUser), o.durationMs / 2));
  return rows;
}
