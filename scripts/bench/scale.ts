/**
 * Scale: the same request against a small and a large data set, timed by invoking the handler
 * bundles in this process (inproc.ts), small and large alternating in short bursts so that the
 * machine's load drifts over both alike. The data is seeded through the repositories (their item
 * layouts), in BatchWriteItem batches of 25, not over HTTP:
 *   GET /loans/stats/summary  with 100 loans, then with 10,000
 *   GET /gifts                one user with 100 gifts, one with 100,000: the first page and a deep one
 *   GET /events/upcoming      one user with 10 birthdays, one with 1,000
 */
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { authorizerContext } from '@platform/libs/auth/context';
import { db, tableName } from '@platform/libs/db';
import { newId } from '@platform/libs/ids';
import { contacts, events, gifts } from '@platform/gift-tracker/repositories';
import type { Gift } from '@platform/gift-tracker/model';
import { loans } from '@platform/loans/repositories/loans';
import { toItem as loanItem } from '@platform/loans/repositories/loan-items';
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
  existingLoans: number;
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

  // Loans: the summary with 100, then with o.sizes.loans (the counter shards are bounded by design).
  const template = await loans.require(o.templateLoanId);
  const loanItems = (count: number) => Array.from({ length: count }, () => loanItem({ ...template, id: newId(), version: 1 }));
  let t0 = performance.now();
  await putAll(tableName('loans'), loanItems(Math.max(0, 100 - o.existingLoans)));
  const summary = () =>
    expectStatus(
      o.handlers.summary(
        restEvent({ method: 'GET', path: '/loans/stats/summary', resource: '/loans/stats/summary', authorizer: o.accountant }),
        lambdaContext('summary'),
      ),
      200,
      'summary',
    );
  await quiet(async () => {
    for (let i = 0; i < 20; i += 1) await summary();
  });
  const at100 = await quiet(() => alternate(summary, summary, o.durationMs)).then(([a, b]) => [...a, ...b]);
  await putAll(tableName('loans'), loanItems(o.sizes.loans - 100));
  log(`  seeded ${o.sizes.loans} loans in all (${seconds(t0)})`);
  const atLarge = await quiet(() => alternate(summary, summary, o.durationMs)).then(([a, b]) => [...a, ...b]);
  rows.push(
    row(
      'GET /loans/stats/summary (loans)',
      [100, o.sizes.loans],
      [at100, atLarge],
      1.2,
      o.load1,
      'measured one after the other: the loans table grows between',
    ),
  );

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
  const p50Ratio = ([a, b]: [number[], number[]]) =>
    percentile(
      [...b].sort((x, y) => x - y),
      50,
    ) /
    percentile(
      [...a].sort((x, y) => x - y),
      50,
    );
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
          const birthday = `19${String(50 + (n % 40))}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + ((n * 7) % 28)).padStart(2, '0')}`;
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
  const calendar = (userId: string) => () => events.calendar(userId, '2000-01-01');
  rows[rows.length - 1].repositoryRatio = p50Ratio(await alternate(calendar(fewUser), calendar(manyUser), o.durationMs / 2));
  return rows;
}
