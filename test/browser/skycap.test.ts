/**
 * Skycap Loans in a real browser, the whole story as people live it: a borrower applies and
 * uploads a document, an officer approves, an accountant disburses and records repayments until
 * the loan closes, reverses one and it reopens, and the dashboard's figures move by exactly those
 * amounts. Also: a double-clicked repayment is recorded once, a validation error shows beside its
 * field, an expired session refreshes itself (and asks to sign in when it cannot), the admin's
 * pages. Every page is screenshotted and checked with axe-core.
 */
import type { Browser, Page } from 'playwright-core';
import { buildWeb } from '../../scripts/web/build';
import { client, platformUrl } from '../support/http';
import { TEST_PASSWORD, loginAdmin, uniqueEmail } from '../support/users';
import { launchBrowser, lookAt, minorUnitsShown, SAMPLE_PDF, type Visitor, visitor } from './support/browser';

jest.setTimeout(180_000);

const CURRENCY = 'NZD'; // no other test lends in it, so its dashboard figures move only with this story
const PRINCIPAL = 120_000; // NZ$1,200.00
let browser: Browser;
const visitors: Visitor[] = [];
let adminToken: string;
const people = { officer: '', accountant: '' };
let loanId = '';

const skycap = (path = '') => `${platformUrl()}/skycap/${path}`;

async function open(): Promise<Visitor> {
  const v = await visitor(browser);
  visitors.push(v);
  return v;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(skycap());
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Waits for a condition of the page that the app reaches by itself (a debounced preview, say). */
async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the page did not reach the expected state in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await lookAt(page, name);
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
}

async function createStaff(role: 'loan_officer' | 'accountant'): Promise<string> {
  const email = uniqueEmail(role.replace('_', '-'));
  const reply = await client(adminToken).POST('/users', {
    body: { email, name: role === 'loan_officer' ? 'Olivia Officer' : 'Arjun Accountant', roles: ['user', role], temporaryPassword: TEST_PASSWORD },
  });
  expect(reply.response.status).toBe(201);
  return email;
}

async function summaryIn(currency: string) {
  const { data } = await client(adminToken).GET('/loans/stats/summary');
  const zero = { amount: 0, currency };
  const f = data?.byCurrency[currency];
  return {
    principalDisbursed: f?.principalDisbursed.amount ?? 0,
    principalOutstanding: f?.principalOutstanding.amount ?? 0,
    interestExpected: f?.interestExpected.amount ?? 0,
    interestCollected: f?.interestCollected.amount ?? 0,
    totalRepaid: f?.totalRepaid.amount ?? zero.amount,
  };
}

/** The dashboard's figure for `name` in the currency's card, in minor units. */
async function figure(page: Page, currency: string, name: string): Promise<number> {
  const text = await page
    .getByRole('region', { name: `Figures in ${currency}` })
    .locator(`[data-figure="${name}"]`)
    .textContent();
  return minorUnitsShown(text);
}

beforeAll(async () => {
  buildWeb({ ifStale: true });
  browser = await launchBrowser();
  adminToken = (await loginAdmin()).accessToken;
  people.officer = await createStaff('loan_officer');
  people.accountant = await createStaff('accountant');
});

afterAll(async () => {
  await browser?.close();
});

afterEach(() => {
  for (const v of visitors) expect(v.replyProblems).toEqual([]);
});

describe('Skycap Loans in the browser', () => {
  const baseline = { principalDisbursed: 0, principalOutstanding: 0, interestExpected: 0, interestCollected: 0, totalRepaid: 0 };

  test('the landing page links both apps, and /skycap/ asks to sign in', async () => {
    const { page } = await open();
    await page.goto(`${platformUrl()}/`);
    await expect(page.getByRole('link', { name: /Skycap Loans/ }).getAttribute('href')).resolves.toBe('/skycap/');
    await expect(page.getByRole('link', { name: /Gift Tracker/ }).getAttribute('href')).resolves.toBe('/gift-tracker/');
    await expectAccessible(page, '01-landing');
    await page.getByRole('link', { name: /Skycap Loans/ }).click();
    await page.getByRole('heading', { name: 'Sign in to Skycap Loans' }).waitFor();
    await expectAccessible(page, '02-sign-in');
    await page.getByLabel('Email').fill(uniqueEmail('nobody'));
    await page.getByLabel('Password').fill('Wrong-Password-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('That email and password do not match an account.');
  });

  test('a borrower registers, sees a field-level validation error, applies with a live schedule preview and uploads a PDF', async () => {
    Object.assign(baseline, await summaryIn(CURRENCY));
    const { page } = await open();
    await page.goto(skycap('apply')); // a deep link: the app answers it after sign-in
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Full name').fill('Bea Borrower');
    await page.getByLabel('Email').fill(uniqueEmail('borrower'));
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Apply for a loan' }).waitFor();

    await page.getByLabel('Amount').fill('1200');
    await page.getByLabel('Currency').selectOption(CURRENCY);
    await page.getByLabel('Installments', { exact: true }).fill('3');
    await page.getByLabel('Frequency').selectOption({ label: 'Monthly' });
    const preview = page.getByRole('table', { name: 'Installments if disbursed today' });
    await preview.waitFor();
    await until(
      async () => (await preview.locator('tbody tr').count()) === 3 && minorUnitsShown(await preview.locator('tfoot td').first().textContent()) === PRINCIPAL,
    );

    // Purpose left empty: the server's VALIDATION_FAILED detail shows beside the Purpose field.
    await page.getByRole('button', { name: 'Submit application' }).click();
    await page.getByRole('alert').getByText('Some fields need attention.').waitFor();
    const purpose = page.getByLabel('Purpose');
    await expect(purpose.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await purpose.getAttribute('aria-describedby'))?.split(' ')[0];
    const message = await page.locator(`[id="${describedBy}"]`).textContent();
    expect(message?.trim().length).toBeGreaterThan(0);
    await expectAccessible(page, '03-apply-validation-error');

    await purpose.fill('A second oven for the bakery');
    await expectAccessible(page, '04-apply-with-preview');
    await page.getByRole('button', { name: 'Submit application' }).click();
    await page.getByRole('heading', { name: /A second oven for the bakery/ }).waitFor();
    loanId = page.url().split('/loans/')[1];
    expect(loanId).toMatch(/^[0-9A-Z]{26}$/);
    await expect(page.locator('.badge').first().textContent()).resolves.toBe('submitted');

    await page.getByLabel('Kind of document').selectOption({ label: 'Proof of income' });
    await page.getByLabel(/^File/).setInputFiles({ name: 'payslip.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await page.getByRole('button', { name: 'Upload document' }).click();
    await page.getByText('payslip.pdf was uploaded.').waitFor();
    const document = page.getByRole('link', { name: /Proof of income \(PDF/ });
    await document.waitFor();
    const stored = await page.request.get((await document.getAttribute('href')) as string);
    expect(stored.status()).toBe(200);
    expect((await stored.body()).equals(SAMPLE_PDF)).toBe(true);
    await expectAccessible(page, '05-loan-submitted-with-document');

    await page.getByRole('link', { name: 'My loans' }).click();
    await page.getByRole('table', { name: /Your applications and loans/ }).waitFor();
    await expectAccessible(page, '06-my-loans');
  });

  test('a loan officer finds the application in the queue and approves it', async () => {
    const { page } = await open();
    await signIn(page, people.officer, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Applications' }).click();
    const row = page.getByRole('link', { name: new RegExp(`\\(${loanId.slice(-6)}\\)`) });
    await row.waitFor();
    await expectAccessible(page, '07-officer-queue');
    await row.click();
    await page.getByRole('button', { name: 'Approve loan' }).waitFor();
    // What an officer may not do is not offered.
    await expect(page.getByRole('button', { name: 'Disburse loan' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Users' }).count()).resolves.toBe(0);
    await expectAccessible(page, '08-officer-decision');
    await page.getByLabel('Annual rate (%)').fill('12');
    await page.getByRole('button', { name: 'Approve loan' }).click();
    await page.getByText('The loan was approved.').waitFor();
    await until(async () => (await page.locator('.badge').first().textContent()) === 'approved');
  });

  test('an accountant disburses, records repayments until the loan closes (a double click records once), then reverses one and it reopens', async () => {
    const { page } = await open();
    await signIn(page, people.accountant, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Portfolio' }).click();
    await page.getByRole('link', { name: new RegExp(`\\(${loanId.slice(-6)}\\)`) }).click();
    await expect(page.getByRole('button', { name: 'Approve loan' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Disburse loan' }).click();
    await page.getByText('The loan was disbursed').waitFor();
    const schedule = page.getByRole('table', { name: 'Installments, with what is paid and still owed' });
    await schedule.waitFor();
    await expectAccessible(page, '09-accountant-disbursed');

    const accountantToken = await page.evaluate('JSON.parse(localStorage.getItem("skycap.session")).tokens.accessToken');
    const as = client(accountantToken as string);
    const { data: fixed } = await as.GET('/loans/{loanId}/schedule', { params: { path: { loanId } } });
    const rows = fixed?.installments ?? [];
    expect(rows).toHaveLength(3);

    const repaymentRows = page.getByRole('region', { name: 'Repayments, newest first' }).locator('tbody tr');
    const pay = async (minor: number, how: 'click' | 'dblclick', rowsAfter: number) => {
      await page.getByLabel(`Amount (${CURRENCY})`).fill((minor / 100).toFixed(2));
      await page.getByLabel('Method').selectOption({ label: 'Bank transfer' });
      await page.getByLabel('Reference (optional)').fill(`REF-${minor}`);
      const button = page.getByRole('button', { name: 'Record repayment' });
      if (how === 'dblclick') await button.dblclick();
      else await button.click();
      await page.getByText(/^Recorded .* to interest and .* to principal\./).waitFor();
      await until(async () => (await repaymentRows.count()) === rowsAfter);
    };
    await pay(rows[0].total.amount, 'click', 1);
    await expectAccessible(page, '10-repayment-allocation');
    await pay(rows[1].total.amount, 'dblclick', 2);
    await page.waitForTimeout(1000); // time enough for a second request, had the double click sent one
    await expect(repaymentRows.count()).resolves.toBe(2);
    const afterTwo = await as.GET('/repayments', { params: { query: { loanId } } });
    expect(afterTwo.data?.items.filter((r) => r.status === 'recorded')).toHaveLength(2);

    const { data: loanNow } = await as.GET('/loans/{loanId}', { params: { path: { loanId } } });
    await pay(loanNow?.outstanding.amount ?? 0, 'click', 3);
    await page.getByText('The loan is now fully repaid and closed.').waitFor();
    await until(async () => (await page.locator('.badge').first().textContent()) === 'closed');
    await expect(page.getByRole('button', { name: 'Record repayment' }).count()).resolves.toBe(0);
    await expectAccessible(page, '11-loan-closed');

    const last = (loanNow?.outstanding.amount ?? 0) / 100;
    await page.getByRole('button', { name: new RegExp(`^Reverse the repayment of NZ\\$${last.toFixed(2).replace('.', '\\.')}`) }).click();
    await page.getByLabel(/^Reason for reversing/).fill('The bank returned the transfer');
    await page.getByRole('button', { name: 'Confirm reversal' }).click();
    await page.getByText(/was reversed\.$/).waitFor();
    await until(async () => (await page.locator('.badge').first().textContent()) === 'active');
    await page.getByRole('button', { name: 'Record repayment' }).waitFor();
    await page.getByRole('region', { name: 'History' }).getByText('Repayment reversed').waitFor();
    await expectAccessible(page, '12-loan-reopened-history');
  });

  test("the dashboard's figures moved by exactly the story's amounts", async () => {
    const { page } = await open();
    await signIn(page, people.accountant, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Portfolio dashboard' }).waitFor();
    const { data: loan } = await client(adminToken).GET('/loans/{loanId}', { params: { path: { loanId } } });
    const { data: repayments } = await client(adminToken).GET('/repayments', { params: { query: { loanId } } });
    const kept = (repayments?.items ?? []).filter((r) => r.status === 'recorded');
    const repaid = kept.reduce((sum, r) => sum + r.amount.amount, 0);
    const interest = kept.reduce((sum, r) => sum + r.allocation.interest.amount, 0);
    expect(kept).toHaveLength(2);

    expect(await figure(page, CURRENCY, 'principalDisbursed')).toBe(baseline.principalDisbursed + PRINCIPAL);
    expect(await figure(page, CURRENCY, 'totalRepaid')).toBe(baseline.totalRepaid + repaid);
    expect(await figure(page, CURRENCY, 'interestCollected')).toBe(baseline.interestCollected + interest);
    expect(await figure(page, CURRENCY, 'principalOutstanding')).toBe(baseline.principalOutstanding + (loan?.outstandingPrincipal.amount ?? -1));
    expect(await figure(page, CURRENCY, 'interestExpected')).toBe(baseline.interestExpected + (loan?.totalInterest?.amount ?? -1));
    await page.getByRole('img', { name: /Number of loans by status/ }).waitFor();
    await page.getByRole('img', { name: /PAR30 by currency/ }).waitFor();
    await expect(page.getByText(/Figures as of/).count()).resolves.toBe(1);
    await expectAccessible(page, '13-dashboard');
  });

  test('an expired access token is refreshed silently; a dead session asks to sign in again', async () => {
    const { page } = await open();
    await signIn(page, people.accountant, TEST_PASSWORD);
    await page.goto(skycap(`loans/${loanId}`));
    await page.getByRole('table', { name: 'Installments, with what is paid and still owed' }).waitFor();
    const before = (await page.evaluate('JSON.parse(localStorage.getItem("skycap.session")).tokens')) as { accessToken: string; refreshToken: string };

    // The stored access token no longer works: the app refreshes once and carries on, after a reload of a deep link.
    await page.evaluate(
      '(() => { const s = JSON.parse(localStorage.getItem("skycap.session")); s.tokens.accessToken = "expired.token.value"; localStorage.setItem("skycap.session", JSON.stringify(s)); })()',
    );
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/auth/refresh') && r.status() === 200);
    await page.reload();
    await refreshed;
    await page.getByRole('table', { name: 'Installments, with what is paid and still owed' }).waitFor();
    const after = (await page.evaluate('JSON.parse(localStorage.getItem("skycap.session")).tokens')) as { accessToken: string; refreshToken: string };
    expect(after.accessToken).not.toBe('expired.token.value');
    expect(after.refreshToken).not.toBe(before.refreshToken); // rotated
    await expect(page.getByRole('heading', { name: 'Sign in to Skycap Loans' }).count()).resolves.toBe(0);

    // Both tokens dead (the refresh token already used once): one refresh attempt, then the sign-in prompt.
    await page.evaluate(
      `(() => { const s = JSON.parse(localStorage.getItem("skycap.session")); s.tokens.accessToken = "expired.token.value"; s.tokens.refreshToken = ${JSON.stringify(before.refreshToken)}; localStorage.setItem("skycap.session", JSON.stringify(s)); })()`,
    );
    await page.reload();
    await page.getByText('Your session has expired. Please sign in again').waitFor();
    await expectAccessible(page, '14-session-expired');
    await page.getByLabel('Email').fill(people.accountant);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('table', { name: 'Installments, with what is paid and still owed' }).waitFor(); // back where they were
  });

  test('the admin lists users by role, creates staff, grants roles and disables an account', async () => {
    const { page } = await open();
    await signIn(page, process.env.ADMIN_EMAIL ?? 'admin@example.com', process.env.ADMIN_PASSWORD ?? 'ChangeMe-Local-Admin-1');
    await page.getByRole('heading', { name: 'Portfolio dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Filter by role').selectOption('accountant');
    await page.getByRole('cell', { name: people.accountant }).waitFor();
    await expectAccessible(page, '15-admin-users');

    const email = uniqueEmail('new-staff');
    const name = `Nina Newstaff ${email.slice(10, 16)}`;
    const create = page.getByRole('region', { name: 'Create a staff account' });
    await create.getByLabel('Name').fill(name);
    await create.getByLabel('Email').fill(email);
    await create.getByLabel('Temporary password').fill(TEST_PASSWORD);
    await create.getByRole('button', { name: 'Create staff account' }).click();
    await page.getByText(`${name} can now sign in as ${email}`).waitFor();

    await page.getByLabel('Filter by role').selectOption('loan_officer');
    await page.getByRole('cell', { name: email }).waitFor();
    await page.getByRole('button', { name: `Change roles of ${name}` }).click();
    await page
      .getByRole('group', { name: `Roles of ${name}` })
      .getByLabel('accountant')
      .check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await page.getByText(`${name}'s roles are now: user, loan officer, accountant.`, { exact: false }).waitFor();
    await page.getByRole('button', { name: `Disable ${name}` }).click();
    await page.getByText(`${name} is now disabled.`).waitFor();
    await expectAccessible(page, '16-admin-users-changed');

    const login = await client().POST('/auth/login', { body: { email, password: TEST_PASSWORD } });
    expect(login.response.status).toBe(401);
  });

  test('every page works on a phone-sized screen', async () => {
    const v = await visitor(browser, { width: 390, height: 844 });
    visitors.push(v);
    await signIn(v.page, people.accountant, TEST_PASSWORD);
    await v.page.getByRole('heading', { name: 'Portfolio dashboard' }).waitFor();
    await expectAccessible(v.page, '17-phone-dashboard');
    await v.page.goto(skycap(`loans/${loanId}`));
    await v.page.getByRole('table', { name: 'Installments, with what is paid and still owed' }).waitFor();
    await expectAccessible(v.page, '18-phone-loan');
  });
});
