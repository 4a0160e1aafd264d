/**
 * The Gift Tracker in a real browser, as a person uses it: signs up through the Cognito user pool
 * and confirms with the code the local stage printed, adds a contact with a birthday, an event with
 * a budget, gifts priced in its currency, sees the budget add up, gets the duplicate warning, moves
 * a gift through its statuses, uploads a real PNG straight to the S3 emulator and sees it, filters
 * gifts, deletes a contact and finds its gifts unlinked; the session refreshes itself once, then
 * asks to sign in; a network failure offers a retry. Every page is screenshotted and checked with axe-core.
 */
import type { Browser, Page } from 'playwright-core';
import { buildWeb } from '../../scripts/web/build';
import { client, platformUrl } from '../support/http';
import { TEST_PASSWORD, uniqueEmail } from '../support/users';
import { confirmationCodeFor, cognitoCall, daysFromToday, giftBoxPng } from './gift-tracker-support';
import { launchBrowser, lookAt, minorUnitsShown, type Visitor, visitor } from './support/browser';

jest.setTimeout(180_000);

const email = uniqueEmail('gift-giver');
const PNG = giftBoxPng(96);
let browser: Browser;
let person: Visitor;
let page: Page;
const ids = { maria: '', tom: '', event: '', scarf: '', card: '' };
/** Maria's birthday is in 10 days (not on 29 February, which common years move). */
const birthdayIn = daysFromToday(10).endsWith('-02-29') ? daysFromToday(11) : daysFromToday(10);

const app = (path = '') => `${platformUrl()}/gift-tracker/${path}`;

async function expectAccessible(name: string, on: Page = page): Promise<void> {
  const violations = await lookAt(on, `gift-tracker-${name}`);
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
}

/** The access token the app holds (for checks through the API). */
async function accessToken(): Promise<string> {
  return (await page.evaluate('JSON.parse(localStorage.getItem("gift-tracker.session")).tokens.accessToken')) as string;
}

const region = (name: string | RegExp) => page.getByRole('region', { name });

beforeAll(async () => {
  buildWeb({ ifStale: true });
  browser = await launchBrowser();
  person = await visitor(browser);
  page = person.page;
});

afterAll(async () => {
  await browser?.close();
});

afterEach(() => {
  expect(person.replyProblems.splice(0)).toEqual([]);
});

describe('the Gift Tracker in the browser', () => {
  test('a person signs up through the user pool and confirms with the code the platform printed', async () => {
    await page.goto(app());
    await page.getByRole('heading', { name: 'Sign in to Gift Tracker' }).waitFor();
    await expectAccessible('01-sign-in');

    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Your name').fill('Gina Giver');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    const signUp = page.waitForResponse((r) => r.request().headers()['x-amz-target'] === 'AWSCognitoIdentityProviderService.SignUp');
    await page.getByRole('button', { name: 'Create account' }).click();
    expect((await signUp).status()).toBe(200);
    await page.getByRole('heading', { name: 'Confirm your email' }).waitFor();
    await page.getByText(`We sent a confirmation code to ${email}.`).waitFor();

    // The code as a person finds it: the line the platform printed when cognito-local "sent" it.
    const code = await confirmationCodeFor(email);
    expect(code).toMatch(/^\d{6}$/);

    // A wrong code is refused, with the message beside the field.
    await page.getByLabel('Confirmation code').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Confirm email' }).click();
    await page.getByText('That code is not right.').waitFor();
    await expect(page.getByLabel('Confirmation code').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible('02-confirm-wrong-code');

    await page.getByLabel('Confirmation code').fill(code);
    await page.getByRole('button', { name: 'Confirm email' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
    await page.getByText('Gina Giver').waitFor(); // who is signed in, in the header (the name they signed up with)
    await page.getByText(email).waitFor();

    // The platform knows them from the pool's ACCESS token (a platform user, linked on first sight).
    const me = await client(await accessToken()).GET('/users/me');
    expect(me.response.status).toBe(200);
    expect(me.data?.id).toMatch(/^[0-9A-Z]{26}$/);
  });

  test('a contact with a birthday is added (a field-level error first) and found by name prefix', async () => {
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    const form = region('Add a contact');

    // Nothing in Name: the server's VALIDATION_FAILED detail shows beside the field.
    await form.getByRole('button', { name: 'Add contact' }).click();
    await form.getByText('Some fields need attention.').waitFor();
    const name = form.getByLabel('Name', { exact: true });
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby'))?.split(' ')[0];
    expect((await page.locator(`[id="${describedBy}"]`).textContent())?.trim().length).toBeGreaterThan(0);
    await expectAccessible('03-contact-validation-error');

    await name.fill('Maria Lopez');
    await form.getByLabel('Relationship').fill('Sister');
    await form.getByLabel('Birthday').fill(`1990${birthdayIn.slice(4)}`);
    await form.getByLabel('Interests').fill('gardening, jazz');
    await form.getByLabel('Sizes').fill('shirt: M\nshoes: 39');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('heading', { name: 'Maria Lopez', level: 1 }).waitFor();
    ids.maria = page.url().split('/contacts/')[1];
    await page.getByText('gardening, jazz').waitFor();

    await page.getByRole('link', { name: 'Contacts' }).click();
    await form.getByLabel('Name', { exact: true }).fill('Tom Baker');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('heading', { name: 'Tom Baker', level: 1 }).waitFor();
    ids.tom = page.url().split('/contacts/')[1];

    await page.getByRole('link', { name: 'Contacts' }).click();
    const search = page.getByLabel('Search by name');
    await search.fill('MAR');
    await page.getByRole('link', { name: 'Tom Baker' }).waitFor({ state: 'detached' });
    const found = page.getByRole('table', { name: /Your contacts/ }).getByRole('row', { name: /Maria Lopez/ });
    await found.getByText('Sister').waitFor();
    await expect(found.textContent()).resolves.toMatch(/gardening, jazz.*shirt M/);
    await expectAccessible('04-contacts-search');
    await search.fill('zz');
    await page.getByText('No contact’s name starts with “zz”.').waitFor();
  });

  test('an event with a budget is added, and the next 30 days list it with the birthday', async () => {
    await page.getByRole('link', { name: 'Events' }).click();
    const form = region('Add an event');
    await form.getByLabel('Event name').fill('Maria turns 36');
    await form.getByLabel('Type').selectOption('birthday');
    await form.getByLabel('Date').fill(birthdayIn);
    await form.getByRole('group', { name: 'For whom' }).getByLabel('Maria Lopez').check();
    await form.getByLabel('Budget', { exact: true }).fill('150.00');
    await form.getByLabel('Budget currency').selectOption('EUR');
    await form.getByRole('button', { name: 'Add event' }).click();
    await page.getByRole('heading', { name: 'Maria turns 36', level: 1 }).waitFor();
    ids.event = page.url().split('/events/')[1];
    await expect(page.locator('[data-figure="budget"]').textContent()).resolves.toBe('€150.00');

    await page.getByRole('link', { name: 'Events' }).click();
    const upcoming = region('The next 30 days');
    await upcoming.getByRole('link', { name: 'Maria turns 36' }).waitFor();
    await upcoming.getByText('’s birthday').waitFor();
    const items = await upcoming.getByRole('listitem').allTextContents();
    expect(items.some((t) => t.includes('Maria Lopez’s birthday'))).toBe(true);
    await region('Events by date').getByRole('link', { name: 'Maria turns 36' }).waitFor();
    await expectAccessible('05-events');
  });

  test('gifts priced in the event’s currency add up in the budget summary', async () => {
    await page.goto(app(`events/${ids.event}`));
    await page.getByRole('link', { name: 'Add a gift for this event' }).click();
    const form = region('Add a gift');
    await expect(form.getByLabel('Event').inputValue()).resolves.toBe(ids.event);
    await expect(form.getByLabel('Price currency').inputValue()).resolves.toBe('EUR'); // the event's budget's
    const addGift = async (name: string, price: string, to = 'Maria Lopez') => {
      await form.getByLabel('Gift', { exact: true }).fill(name);
      await form.getByLabel('For').selectOption({ label: to });
      await form.getByLabel('Price', { exact: true }).fill(price);
      await form.getByLabel('Price currency').selectOption('EUR');
      await form.getByRole('button', { name: 'Add gift' }).click();
      await form.getByRole('status').getByText(`${name} was added.`).waitFor();
    };
    await addGift('Silk scarf', '45.50');
    await addGift('Jazz records', '30.25');

    await page.goto(app(`events/${ids.event}`));
    await page.getByRole('region', { name: 'Gifts for Maria Lopez' }).getByRole('link', { name: 'Silk scarf' }).waitFor();
    expect(minorUnitsShown(await page.locator('[data-figure="budget"]').textContent())).toBe(15_000);
    expect(minorUnitsShown(await page.locator('[data-figure="spent"]').textContent())).toBe(7_575);
    expect(minorUnitsShown(await page.locator('[data-figure="remaining"]').textContent())).toBe(7_425);
    await expect(page.locator('[data-figure="spent"]').textContent()).resolves.toBe('€75.75');
    const { data: summary } = await client(await accessToken()).GET('/events/{eventId}/summary', { params: { path: { eventId: ids.event } } });
    expect(summary?.spent).toEqual({ amount: 7_575, currency: 'EUR' });
    expect(summary?.remaining).toEqual({ amount: 7_425, currency: 'EUR' });
    await expectAccessible('06-event-budget-summary');
    ids.scarf = (await page.getByRole('link', { name: 'Silk scarf' }).getAttribute('href'))?.split('/gifts/')[1] ?? '';
    expect(ids.scarf).toMatch(/^[0-9A-Z]{26}$/);
  });

  test('a second gift of the same name for the same contact gets the duplicate warning', async () => {
    await page.goto(app(`gifts?contactId=${ids.maria}`));
    const form = region('Add a gift');
    await expect(form.getByLabel('For').inputValue()).resolves.toBe(ids.maria);
    await form.getByLabel('Gift', { exact: true }).fill('silk SCARF');
    await form.getByRole('button', { name: 'Add gift' }).click();
    const warning = form.getByRole('alert');
    await warning.getByText('Possible duplicate: Maria Lopez already has a gift called “silk SCARF”.').waitFor();
    await expect(warning.getByRole('link', { name: 'See the earlier gift' }).getAttribute('href')).resolves.toBe(`/gift-tracker/gifts/${ids.scarf}`);
    await expectAccessible('07-duplicate-warning');

    // A received gift, from Tom, for the filters and the deletion below.
    await form.getByLabel('Gift', { exact: true }).fill('Thank-you card');
    await form.getByLabel('Direction').selectOption('received');
    await expect(form.getByLabel('Status').inputValue()).resolves.toBe('received');
    await form.getByLabel('From').selectOption({ label: 'Tom Baker' });
    await form.getByLabel('Event').selectOption({ label: 'No event' });
    await form.getByRole('button', { name: 'Add gift' }).click();
    await form.getByRole('status').getByText('Thank-you card was added.').waitFor();
    await expect(form.getByRole('alert').count()).resolves.toBe(0);
  });

  test('a gift moves forward through its statuses, skips ahead, and steps one back', async () => {
    await page.goto(app(`gifts/${ids.scarf}`));
    const steps = page.getByRole('list', { name: 'Status of Silk scarf' });
    const current = () => steps.locator('[aria-current="step"]').textContent();
    await expect(current()).resolves.toContain('Idea');
    // The gift's own direction's steps only, and no step back from the first.
    await expect(steps.getByRole('listitem').allTextContents()).resolves.toHaveLength(5);
    await expect(page.getByRole('button', { name: /^Back to/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Mark as thanked' }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Mark as planned' }).click();
    await steps.locator('[aria-current="step"]', { hasText: 'Planned' }).waitFor();
    await page.getByRole('button', { name: 'Mark as wrapped' }).click();
    await steps.locator('[aria-current="step"]', { hasText: 'Wrapped' }).waitFor();
    await expect(page.getByRole('button', { name: /^Back to/ }).textContent()).resolves.toBe('Back to purchased');
    await page.getByRole('button', { name: 'Back to purchased' }).click();
    await steps.locator('[aria-current="step"]', { hasText: 'Purchased' }).waitFor();
    const { data: gift } = await client(await accessToken()).GET('/gifts/{giftId}', { params: { path: { giftId: ids.scarf } } });
    expect(gift?.status).toBe('purchased');
    await expectAccessible('08-gift-status');
  });

  test('a real PNG goes straight to the S3 emulator with progress, is shown from there, and a photo can be deleted', async () => {
    await page.goto(app(`gifts/${ids.scarf}`));
    await page.getByText('No photos yet.').waitFor();
    await page.getByLabel(/^Photo \(JPEG/).setInputFiles({ name: 'scarf.png', mimeType: 'image/png', buffer: PNG });
    const toBucket = page.waitForRequest((r) => r.method() === 'POST' && r.url().startsWith(process.env.S3_ENDPOINT ?? 'none'));
    await page.getByRole('button', { name: 'Upload photo' }).click();
    await toBucket;
    await page.getByText('scarf.png was added.').waitFor();
    const thumbnail = page.getByRole('img', { name: 'Silk scarf, 1 of 1' });
    await thumbnail.waitFor();
    // Rendered from the bucket: the browser decoded the PNG (its real width), not a broken image.
    const width = 'document.querySelector(\'img[alt="Silk scarf, 1 of 1"]\')';
    await page.waitForFunction(`${width}?.complete && ${width}.naturalWidth > 0`);
    await expect(page.evaluate(`${width}.naturalWidth`)).resolves.toBe(96);
    const src = (await thumbnail.getAttribute('src')) ?? '';
    expect(new URL(src).origin).toBe(new URL(process.env.S3_ENDPOINT ?? '').origin);
    const stored = await page.request.get(src);
    expect(stored.status()).toBe(200);
    expect((await stored.body()).equals(PNG)).toBe(true);
    await expectAccessible('09-gift-photo');

    // A second one, dropped on the drop zone, then deleted.
    const dropped = await page.evaluateHandle(
      `(() => { const t = new DataTransfer(); t.items.add(new File([new Uint8Array(${JSON.stringify([...PNG])})], 'dropped.png', { type: 'image/png' })); return t; })()`,
    );
    await page.locator('fieldset.dropzone').dispatchEvent('drop', { dataTransfer: dropped });
    await page.getByText('Ready: dropped.png').waitFor();
    await page.getByRole('button', { name: 'Upload photo' }).click();
    await page.getByRole('img', { name: 'Silk scarf, 2 of 2' }).waitFor();
    await page.getByRole('button', { name: 'Delete photo 2' }).click();
    await page.getByRole('img', { name: 'Silk scarf, 1 of 1' }).waitFor();
    const { data: gift } = await client(await accessToken()).GET('/gifts/{giftId}', { params: { path: { giftId: ids.scarf } } });
    expect(gift?.images).toHaveLength(1);
  });

  test('gifts filter by direction, status, contact and event', async () => {
    await page.getByRole('link', { name: 'Gifts' }).click();
    const filters = page.getByRole('form', { name: 'Filter gifts' });
    const list = page.getByRole('table', { name: 'Gifts, newest first' });
    const names = async () => (await list.locator('tbody tr td:first-child').allTextContents()).sort();
    await list.waitFor();
    await expect(names()).resolves.toEqual(['Jazz records', 'Silk scarf', 'Thank-you card', 'silk SCARF']);
    await expectAccessible('10-gifts');

    await filters.getByLabel('Direction').selectOption('received');
    await page.waitForResponse((r) => r.url().includes('/gifts?') && r.url().includes('direction=received'));
    await list.getByRole('link', { name: 'Thank-you card' }).waitFor();
    await expect(names()).resolves.toEqual(['Thank-you card']);

    await filters.getByLabel('Direction').selectOption('given');
    await filters.getByLabel('Status').selectOption('purchased');
    await page.waitForResponse((r) => r.url().includes('status=purchased'));
    await list.getByRole('link', { name: 'Silk scarf' }).waitFor();
    await expect(names()).resolves.toEqual(['Silk scarf']);

    await filters.getByLabel('Status').selectOption('');
    await filters.getByLabel('Event').selectOption({ label: 'Maria turns 36' });
    await page.waitForResponse((r) => r.url().includes(`eventId=${ids.event}`));
    await list.getByRole('link', { name: 'Jazz records' }).waitFor();
    await expect(names()).resolves.toEqual(['Jazz records', 'Silk scarf']);

    await filters.getByLabel('Event').selectOption('');
    await filters.getByLabel('Direction').selectOption('');
    await filters.getByLabel('Contact').selectOption({ label: 'Tom Baker' });
    await page.waitForResponse((r) => r.url().includes(`contactId=${ids.tom}`));
    await list.getByRole('link', { name: 'Thank-you card' }).waitFor();
    await expect(names()).resolves.toEqual(['Thank-you card']);
    ids.card = (await list.getByRole('link', { name: 'Thank-you card' }).getAttribute('href'))?.split('/gifts/')[1] ?? '';
  });

  test("a contact's page lists every gift with them, newest first; deleting the contact leaves the gifts unlinked", async () => {
    await page.goto(app(`contacts/${ids.maria}`));
    const gifts = page.getByRole('table', { name: 'Gifts with Maria Lopez, newest first' });
    await gifts.waitFor();
    await expect(gifts.locator('tbody tr td:first-child').allTextContents()).resolves.toEqual(['silk SCARF', 'Jazz records', 'Silk scarf']);
    await expectAccessible('11-contact');

    await page.goto(app(`contacts/${ids.tom}`));
    await page.getByRole('table', { name: 'Gifts with Tom Baker, newest first' }).getByRole('link', { name: 'Thank-you card' }).waitFor();
    await page.getByRole('button', { name: 'Delete contact' }).click();
    await expectAccessible('12-contact-delete-confirm');
    await page.getByRole('button', { name: 'Yes, delete Tom Baker' }).click();
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Maria Lopez' }).waitFor();
    await expect(page.getByRole('link', { name: 'Tom Baker' }).count()).resolves.toBe(0);

    await page.goto(app(`gifts/${ids.card}`));
    await page.getByRole('heading', { name: 'Thank-you card', level: 1 }).waitFor();
    const from = page.locator('.details div', { hasText: 'From' }).locator('dd');
    await expect(from.textContent()).resolves.toBe('—');
    const { data: card } = await client(await accessToken()).GET('/gifts/{giftId}', { params: { path: { giftId: ids.card } } });
    expect(card?.contactId).toBeNull();
    await expectAccessible('13-gift-unlinked');
  });

  test('a network failure offers a retry that works', async () => {
    let failed = false;
    await page.route('**/contacts?*', async (route) => {
      if (failed) return route.continue();
      failed = true;
      await route.abort('connectionrefused');
    });
    await page.goto(app('contacts'));
    const alert = page.getByRole('alert');
    await alert.getByText('The server could not be reached.', { exact: false }).waitFor();
    await expectAccessible('14-network-retry');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('link', { name: 'Maria Lopez' }).waitFor();
    await page.unroute('**/contacts?*');
  });

  test('an expired access token is refreshed once with the refresh token; a refused one asks to sign in again', async () => {
    await page.goto(app(`events/${ids.event}`));
    await page.locator('[data-figure="spent"]').waitFor();
    const saved = (await page.evaluate('JSON.parse(localStorage.getItem("gift-tracker.session")).tokens')) as { accessToken: string; refreshToken: string };
    await page.evaluate(
      '(() => { const s = JSON.parse(localStorage.getItem("gift-tracker.session")); s.tokens.accessToken = "expired.token.value"; localStorage.setItem("gift-tracker.session", JSON.stringify(s)); })()',
    );
    const refreshed = page.waitForResponse(
      (r) => r.request().headers()['x-amz-target'] === 'AWSCognitoIdentityProviderService.InitiateAuth' && r.status() === 200,
    );
    await page.reload();
    expect(JSON.parse((await refreshed).request().postData() ?? '{}').AuthFlow).toBe('REFRESH_TOKEN_AUTH');
    await page.locator('[data-figure="spent"]').waitFor();
    const after = (await page.evaluate('JSON.parse(localStorage.getItem("gift-tracker.session")).tokens')) as { accessToken: string };
    expect(after.accessToken).not.toBe('expired.token.value');
    expect(after.accessToken).not.toBe(saved.accessToken);

    // A refresh token the pool refuses: one attempt, then the sign-in prompt; signing in returns to the same page.
    await page.evaluate(
      '(() => { const s = JSON.parse(localStorage.getItem("gift-tracker.session")); s.tokens.accessToken = "expired.token.value"; s.tokens.refreshToken = "not-a-refresh-token"; localStorage.setItem("gift-tracker.session", JSON.stringify(s)); })()',
    );
    await page.reload();
    await page.getByText('Your session has expired. Please sign in again').waitFor();
    await expectAccessible('15-session-expired');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Maria turns 36', level: 1 }).waitFor();
  });

  test('every page works on a phone-sized screen', async () => {
    const phone = await visitor(browser, { width: 390, height: 844 });
    try {
      await phone.page.goto(app());
      await phone.page.getByLabel('Email').fill(email);
      await phone.page.getByLabel('Password').fill(TEST_PASSWORD);
      await phone.page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await phone.page.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
      await expectAccessible('16-phone-events', phone.page);
      await phone.page.goto(app(`gifts/${ids.scarf}`));
      await phone.page.getByRole('img', { name: 'Silk scarf, 1 of 1' }).waitFor();
      await expectAccessible('17-phone-gift', phone.page);
      expect(phone.replyProblems).toEqual([]);
    } finally {
      await phone.context.close();
    }
  });

  test('signing out revokes the refresh token at the pool', async () => {
    const { refreshToken } = (await page.evaluate('JSON.parse(localStorage.getItem("gift-tracker.session")).tokens')) as { refreshToken: string };
    const revoked = page.waitForResponse((r) => r.request().headers()['x-amz-target'] === 'AWSCognitoIdentityProviderService.RevokeToken');
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect((await revoked).status()).toBe(200);
    await page.getByRole('heading', { name: 'Sign in to Gift Tracker' }).waitFor();
    await expect(page.evaluate('localStorage.getItem("gift-tracker.session")')).resolves.toBeNull();
    const reuse = await cognitoCall('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } });
    expect(reuse.status).toBe(400);
    expect(reuse.body.__type).toBe('NotAuthorizedException');
  });
});
