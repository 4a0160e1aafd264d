/**
 * `seed --demo`: staff, borrowers, a Gift Tracker with contacts, events and gifts, and loans in
 * every state with repayments, all through the platform's HTTP API (PLATFORM_URL). A part whose
 * routes do not exist yet (service not there) is skipped with a message; a part already seeded
 * (the demo borrower has contacts / loans) is not seeded twice.
 */
import type { OpsContext } from './context';
import { ApiError, client, type Call } from './http';
import { statsRefresh } from './stats-refresh';

const DEMO_PASSWORD = 'Demo-Passw0rd-2026';
const STAFF = [
  { key: 'officer', email: 'officer@demo.example.com', name: 'Olu Officer', roles: ['loan_officer'] },
  { key: 'accountant', email: 'accountant@demo.example.com', name: 'Ama Accountant', roles: ['accountant'] },
];
const BORROWERS = [
  { key: 'ada', email: 'ada@demo.example.com', name: 'Ada Borrower' },
  { key: 'kofi', email: 'kofi@demo.example.com', name: 'Kofi Borrower' },
];
type Tokens = Record<string, string>;

const usd = (amount: number) => ({ amount, currency: 'USD' });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function login(call: Call, email: string, password: string): Promise<string> {
  return (await call('POST', '/auth/login', { body: { email, password } })).body.accessToken;
}

/** Runs one part; a missing route (service not there yet) skips it with the reason. */
async function part(ctx: OpsContext, name: string, run: () => Promise<string>): Promise<boolean> {
  try {
    ctx.log(`demo      ${name}: ${await run()}`);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.routeMissing) {
      ctx.log(`demo      ${name}: SKIPPED, ${error.method} ${error.path} answered ${error.reply.status} (that service is not deployed or not running yet)`);
      return false;
    }
    throw error;
  }
}

async function people(call: Call, admin: { email: string; password: string }): Promise<Tokens> {
  const tokens: Tokens = { admin: await login(call, admin.email, admin.password) };
  for (const s of STAFF) {
    await call('POST', '/users', {
      token: tokens.admin,
      body: { email: s.email, name: s.name, roles: s.roles, temporaryPassword: DEMO_PASSWORD },
      expect: [201, 409],
    });
    tokens[s.key] = await login(call, s.email, DEMO_PASSWORD);
  }
  for (const b of BORROWERS) {
    const reply = await call('POST', '/auth/register', { body: { email: b.email, password: DEMO_PASSWORD, name: b.name }, expect: [201, 409] });
    tokens[b.key] = reply.status === 201 ? reply.body.accessToken : await login(call, b.email, DEMO_PASSWORD);
  }
  return tokens;
}

async function giftTracker(call: Call, token: string): Promise<string> {
  const existing = await call('GET', '/contacts?limit=1', { token });
  if (existing.body.items.length) return 'already seeded (the demo borrower has contacts)';
  const contact = async (body: object) => (await call('POST', '/contacts', { token, body })).body.id as string;
  const mum = await contact({ name: 'Mum', relationship: 'family', birthday: '--03-14', interests: ['gardening', 'jazz'] });
  const sam = await contact({ name: 'Sam Mensah', relationship: 'friend', birthday: '1990-07-02', sizes: { shirt: 'M' } });
  const lee = await contact({ name: 'Lee Park', relationship: 'colleague' });
  const event = async (body: object) => (await call('POST', '/events', { token, body, expect: [201] })).body.id as string;
  const year = new Date().getUTCFullYear();
  const birthday = await event({
    name: "Mum's birthday",
    type: 'birthday',
    date: `${year + 1}-03-14`,
    recurring: 'yearly',
    contactIds: [mum],
    budget: usd(10000),
  });
  const christmas = await event({
    name: 'Christmas',
    type: 'holiday',
    date: `${year}-12-25`,
    recurring: 'yearly',
    contactIds: [mum, sam, lee],
    budget: usd(30000),
  });
  const gifts = [
    { name: 'Silk scarf', direction: 'given', status: 'purchased', contactId: mum, eventId: birthday, price: usd(4500), store: 'Market Hall' },
    { name: 'Cookbook', direction: 'given', status: 'idea', contactId: mum, eventId: christmas, price: usd(2500) },
    { name: 'Board game', direction: 'given', status: 'wrapped', contactId: sam, eventId: christmas, price: usd(3999) },
    { name: 'Board game', direction: 'given', status: 'given', contactId: sam, price: usd(3500), date: `${year - 1}-12-25` },
    { name: 'Coffee mug', direction: 'received', status: 'thanked', contactId: lee, date: `${year - 1}-12-24` },
  ];
  for (const body of gifts) await call('POST', '/gifts', { token, body, expect: [201] });
  return `3 contacts, 2 events with budgets, ${gifts.length} gifts (given and received)`;
}

async function loans(call: Call, t: Tokens): Promise<string> {
  const existing = await call('GET', '/loans?limit=1', { token: t.ada });
  if (existing.body.items.length) return 'already seeded (the demo borrower has loans)';
  const apply = async (who: string, key: string, amount: number, installments: number, purpose: string) =>
    (
      await call('POST', '/loans/apply', {
        token: t[who],
        idempotencyKey: `demo-${key}`,
        body: { principal: usd(amount), installments, every: { unit: 'months', n: 1 }, purpose },
      })
    ).body.id as string;
  const act = (who: string, loanId: string, action: string, body: object = {}) => call('POST', `/loans/${loanId}/${action}`, { token: t[who], body });
  const repay = (loanId: string, amount: { amount: number; currency: string }, paidOn: string, n: number) =>
    call('POST', '/repayments', {
      token: t.accountant,
      idempotencyKey: `demo-repayment-${loanId}-${n}`,
      body: { loanId, amount, paidOn, method: 'bank_transfer', reference: `DEMO-${n}` },
    });

  // Active and behind: disbursed ~3 months ago, only the first installment paid.
  const overdue = await apply('ada', 'loan-overdue', 300000, 6, 'Stock for the shop');
  await act('officer', overdue, 'approve', { annualRatePercent: '12', note: 'demo' });
  await act('accountant', overdue, 'disburse', { disbursedOn: day(-95) });
  const schedule = (await call('GET', `/loans/${overdue}/schedule`, { token: t.officer })).body;
  await repay(overdue, schedule.installments[0].total, day(-60), 1);
  // Closed: disbursed, then repaid in full.
  const repaid = await apply('kofi', 'loan-repaid', 120000, 4, 'Motorbike repair');
  await act('officer', repaid, 'approve', { annualRatePercent: '10' });
  await act('accountant', repaid, 'disburse', { disbursedOn: day(-40) });
  await repay(repaid, usd(30000), day(-10), 1);
  const left = (await call('GET', `/loans/${repaid}`, { token: t.officer })).body.outstanding;
  await repay(repaid, left, day(0), 2);
  // Approved, not disbursed; rejected; withdrawn; still submitted.
  await act('officer', await apply('ada', 'loan-approved', 50000, 3, 'School fees'), 'approve', { annualRatePercent: '9.5' });
  await act('officer', await apply('kofi', 'loan-rejected', 200000, 12, 'A second car'), 'reject', { reason: 'Income does not cover the installments' });
  await act('kofi', await apply('kofi', 'loan-withdrawn', 60000, 3, 'Laptop'), 'withdraw');
  await apply('ada', 'loan-submitted', 80000, 6, 'Sewing machine');
  return '6 loans: active (overdue, partly repaid), closed (repaid), approved, rejected, withdrawn, submitted; 3 repayments';
}

export async function seedDemo(ctx: OpsContext, opts: { url: string; admin: { email: string; password: string } }): Promise<void> {
  const call = client(opts.url);
  ctx.log(`demo      through the API at ${opts.url}; demo users' password: ${DEMO_PASSWORD}`);
  let tokens: Tokens = {};
  const havePeople = await part(ctx, 'staff and borrowers', async () => {
    tokens = await people(call, opts.admin);
    return `${STAFF.map((s) => `${s.email} (${s.roles.join(', ')})`).join(', ')}; borrowers ${BORROWERS.map((b) => b.email).join(', ')}`;
  });
  if (!havePeople) return;
  await part(ctx, 'gift tracker', () => giftTracker(call, tokens.ada));
  const loansSeeded = await part(ctx, 'loans and repayments', () => loans(call, tokens));
  // Days overdue and PAR30 change with the calendar: refresh them so the dashboard shows them now.
  if (loansSeeded) await statsRefresh(ctx).catch((error) => ctx.log(`demo      stats refresh failed: ${(error as Error).message}`));
}
