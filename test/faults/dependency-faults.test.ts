/**
 * Real faults, real components: a DynamoDB Local of this file's own (paused with SIGSTOP longer
 * than the SDK's timeouts, then killed and restarted on its data folder) and an S3 emulator
 * stopped during an image completion. The handlers are the real modules, invoked with API
 * Gateway REST events. What a client must see: 503 SERVICE_UNAVAILABLE with Retry-After in the
 * error shape within 5 s, never a 500 and never half a write; the next request after recovery
 * succeeds, and a retry with the same Idempotency-Key makes the payment exactly once.
 */
import { randomBytes } from 'node:crypto';
import {
  captureLogs,
  Dynamo,
  freePort,
  expectUnavailable,
  unhandledErrors,
  handlerOf,
  invoke,
  platformEnvironment,
  S3Emulator,
  sleep,
  type Caller,
  type Reply,
} from './support/components';
import { activeLoan, cast, getLoan, key, loanHandlers, repay, repaymentsOf, statisticsDrift, type Cast } from './support/loans';

let dynamo: Dynamo;
let s3: S3Emulator;
let h: ReturnType<typeof loanHandlers>;
let gifts: { create: ReturnType<typeof handlerOf>; list: ReturnType<typeof handlerOf>; get: ReturnType<typeof handlerOf> };
let images: { create: ReturnType<typeof handlerOf>; complete: ReturnType<typeof handlerOf>; get: ReturnType<typeof handlerOf> };
let people: Cast;
let logs: ReturnType<typeof captureLogs>;

const PRINCIPAL = 120_000;
const INSTALMENT = 1_000;

beforeAll(async () => {
  logs = captureLogs();
  // The JVM boots while the handler modules load (they only need its address).
  dynamo = Dynamo.spawned(await freePort(), { persistent: true });
  s3 = await S3Emulator.start();
  await platformEnvironment({ dynamo, s3 });
  h = loanHandlers();
  gifts = { create: handlerOf('gifts', 'create'), list: handlerOf('gifts', 'list'), get: handlerOf('gifts', 'get') };
  images = { create: handlerOf('images', 'create'), complete: handlerOf('images', 'complete'), get: handlerOf('images', 'get') };
  [people] = await Promise.all([cast(), dynamo.prepared()]);
}, 120_000);

afterAll(async () => {
  logs.restore();
  await Promise.all([dynamo?.stop(), s3?.stop()]);
});

afterEach(() => {
  // Every fault above was answered, none fell through to a 500.
  expect(unhandledErrors(logs.lines())).toEqual([]);
});

const createGift = (who: Caller, name: string) =>
  invoke<{ id: string }>(gifts.create, { method: 'POST', resource: '/gifts', body: { name, direction: 'given', status: 'idea' }, as: who });

async function giftsOf(who: Caller): Promise<{ id: string }[]> {
  const reply = await invoke<{ items: { id: string }[] }>(gifts.list, { method: 'GET', resource: '/gifts', query: { limit: '100' }, as: who });
  expect(reply.status).toBe(200);
  return reply.body.items;
}

interface Payment {
  loanId: string;
  key: string;
  reply: Reply;
}

const idOf = (p: { reply: Reply }): string => (p.reply.body as { repayment: { id: string } }).repayment.id;

const pay = async (loanId: string): Promise<Payment> => {
  const k = key();
  return { loanId, key: k, reply: await repay(h, people, loanId, INSTALMENT, k) };
};

/** Each reply is a success or a 503 in the error shape: never a 500, never a gateway-style empty answer. */
function expectSuccessOrUnavailable(replies: Reply[], success: number): void {
  for (const reply of replies) {
    if (reply.status === success) continue;
    expectUnavailable(reply);
  }
}

/**
 * After recovery every payment is retried with its Idempotency-Key: each one then exists exactly
 * once, and the loan's balance, its repayments and the statistics all agree (the rebuild finds
 * nothing to correct).
 */
async function expectEachPaymentOnce(outstandingBefore: Map<string, number>, payments: Payment[], rolledBack = new Set<Payment>()): Promise<void> {
  const retried = await Promise.all(payments.map((p) => repay(h, people, p.loanId, INSTALMENT, p.key)));
  for (const [i, reply] of retried.entries()) {
    expect(reply.status).toBe(201);
    const first = payments[i];
    if (first.reply.status !== 201) continue;
    if (rolledBack.has(first))
      expect(idOf({ reply })).not.toBe(idOf(first)); // recorded now, for the first time
    else expect(reply.body).toEqual(first.reply.body); // a replay, not a second payment
  }
  for (const [loanId, outstanding] of outstandingBefore) {
    const mine = payments.filter((p) => p.loanId === loanId);
    const recorded = await repaymentsOf(h, people, loanId);
    expect(recorded).toHaveLength(new Set(mine.map((p) => p.key)).size);
    const paid = recorded.reduce((sum, r) => sum + r.amount.amount, 0);
    expect(paid).toBe(mine.length * INSTALMENT);
    expect((await getLoan(h, people, loanId)).outstanding.amount).toBe(outstanding - paid);
  }
  expect(await statisticsDrift(h, people)).toEqual([]);
}

describe('DynamoDB Local paused (SIGSTOP) longer than the SDK timeouts', () => {
  it('answers 503 with Retry-After within 5 s, writes nothing half-way, and recovers', async () => {
    const loans = await Promise.all([activeLoan(h, people, PRINCIPAL), activeLoan(h, people, PRINCIPAL)]);
    const before = await Promise.all(loans.map((l) => getLoan(h, people, l.id)));
    const giftOwner = people.borrower;
    const giftsBefore = (await giftsOf(giftOwner)).length;

    // A burst in flight when the database stops answering...
    const inFlight = Promise.all([...loans.flatMap((l) => [pay(l.id), pay(l.id)]), ...loans.map((l) => pay(l.id))]);
    const inFlightGifts = Promise.all([1, 2, 3].map((i) => createGift(giftOwner, `in flight ${i}`)));
    await sleep(15);
    dynamo.pause();
    try {
      // ...and a burst sent while it is stopped: every one a 503 within 5 s.
      const [during, duringGifts] = await Promise.all([
        Promise.all(loans.flatMap((l) => [pay(l.id), pay(l.id)])),
        Promise.all([1, 2, 3].map((i) => createGift(giftOwner, `while paused ${i}`))),
      ]);
      for (const p of during) expectUnavailable(p.reply);
      for (const g of duringGifts) expectUnavailable(g);

      const [settled, settledGifts] = await Promise.all([inFlight, inFlightGifts]);
      expectSuccessOrUnavailable([...settled.map((p) => p.reply), ...settledGifts], 201);
      await sleep(500); // paused for longer than a request's whole budget

      dynamo.resume();
      await dynamo.ready(10_000);

      // Nothing sent during the pause reached the table: payments retried now are first payments.
      for (const loan of loans) {
        const recorded = await repaymentsOf(h, people, loan.id);
        expect(recorded.length).toBeLessThanOrEqual(settled.filter((p) => p.loanId === loan.id).length);
      }
      await expectEachPaymentOnce(new Map(before.map((l) => [l.id, l.outstanding.amount])), [...settled, ...during]);

      // Gifts (no Idempotency-Key): a create whose one write was sent into the stalled socket is a
      // 503 that DynamoDB may still apply once it resumes, whole. So: at least every 201 is there,
      // at most every request, and each one listed is whole (readable through its own route).
      const answered = [...settledGifts, ...duringGifts];
      const created = answered.filter((g) => g.status === 201).length;
      const listed = await giftsOf(giftOwner);
      expect(listed.length - giftsBefore).toBeGreaterThanOrEqual(created);
      expect(listed.length - giftsBefore).toBeLessThanOrEqual(answered.length);
      for (const gift of listed) {
        const read = await invoke<{ id: string }>(gifts.get, {
          method: 'GET',
          resource: '/gifts/{giftId}',
          pathParameters: { giftId: gift.id },
          as: giftOwner,
        });
        expect([read.status, read.body.id]).toEqual([200, gift.id]);
      }
      expect((await createGift(giftOwner, 'after recovery')).status).toBe(201);
    } finally {
      dynamo.resume();
    }
  }, 60_000);
});

describe('DynamoDB Local killed (SIGKILL) and restarted on its data folder', () => {
  it('answers 503 while it is down, keeps every committed write, and records exactly once after', async () => {
    const loan = await activeLoan(h, people, PRINCIPAL);
    const before = new Map([[loan.id, loan.outstanding.amount]]);
    const committed = await pay(loan.id);
    expect(committed.reply.status).toBe(201);
    // Committed = answered, and some read answered after it (Dynamo.kill() says why the emulator needs that).
    await dynamo.flushed();

    const inFlight = Promise.all([1, 2, 3, 4].map(() => pay(loan.id)));
    await sleep(10);
    await dynamo.kill();
    const whileDown = await Promise.all([1, 2, 3].map(() => pay(loan.id)));
    for (const p of whileDown) expectUnavailable(p.reply);
    const settled = await inFlight;
    expectSuccessOrUnavailable(
      settled.map((p) => p.reply),
      201,
    );
    const stillDown = await invoke(h.get, { method: 'GET', resource: '/loans/{loanId}', pathParameters: { loanId: loan.id }, as: people.admin });
    expectUnavailable(stillDown);

    await dynamo.restart();
    // What was committed before the crash is still there.
    const listed = new Set((await repaymentsOf(h, people, loan.id)).map((r) => r.id));
    expect(listed).toContain(idOf(committed));
    // A payment answered 201 in the last milliseconds before the SIGKILL may have been rolled back
    // by the emulator (its COMMIT was still queued: Dynamo.kill()), whole, idempotency record
    // included. Each one is either still there (its retry is then a replay of the same answer) or
    // gone without a trace (its retry is then its first and only recording). Never half, never twice.
    const rolledBack = settled.filter((p) => p.reply.status === 201 && !listed.has(idOf(p)));
    await expectEachPaymentOnce(before, [committed, ...settled, ...whileDown], new Set(rolledBack));
  }, 90_000);

  it('keeps every write it answered across a normal (graceful) restart, however recent', async () => {
    const loan = await activeLoan(h, people, PRINCIPAL);
    const before = new Map([[loan.id, loan.outstanding.amount]]);
    const payments = await Promise.all([1, 2, 3].map(() => pay(loan.id)));
    for (const p of payments) expect(p.reply.status).toBe(201);
    // Stopped the moment the last 201 is in, without any barrier: a graceful stop commits first.
    await dynamo.restart({ graceful: true });
    const listed = (await repaymentsOf(h, people, loan.id)).map((r) => r.id);
    expect(listed.sort()).toEqual(payments.map(idOf).sort());
    await expectEachPaymentOnce(before, payments);
  }, 90_000);
});

describe('the S3 emulator stopped during an image completion', () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]);

  it('answers 503 and leaves the image pending; completing after S3 is back attaches it', async () => {
    const owner = people.borrower;
    const gift = await createGift(owner, 'a photographed gift');
    expect(gift.status).toBe(201);
    const created = await invoke<{ imageId: string; upload: { url: string; fields: Record<string, string> } }>(images.create, {
      method: 'POST',
      resource: '/images',
      body: { giftId: gift.body.id, contentType: 'image/png', size: PNG.length },
      as: owner,
    });
    expect(created.status).toBe(201);
    const form = new FormData();
    for (const [name, value] of Object.entries(created.body.upload.fields)) form.append(name, value);
    form.append('file', new Blob([PNG]), 'photo.png');
    const uploaded = await fetch(created.body.upload.url, { method: 'POST', body: form });
    await uploaded.arrayBuffer();
    expect(uploaded.status).toBeLessThan(300);

    const imageId = created.body.imageId;
    const complete = () => invoke(images.complete, { method: 'POST', resource: '/images/{imageId}/complete', pathParameters: { imageId }, as: owner });
    const read = () => invoke<{ code?: string }>(images.get, { method: 'GET', resource: '/images/{imageId}', pathParameters: { imageId }, as: owner });

    await s3.close();
    try {
      expectUnavailable(await complete());
      const pending = await read();
      expect([pending.status, (pending.body as unknown as { error: { code: string } }).error.code]).toEqual([409, 'NOT_UPLOADED']);
    } finally {
      await s3.open();
    }
    const done = await complete();
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: imageId, status: 'uploaded', size: PNG.length });
    expect((await read()).status).toBe(200);
  }, 30_000);
});
