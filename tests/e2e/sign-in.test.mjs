// Signing in as a person does: a temporary password changed at once, two-
// factor authentication enrolled from the profile and then used, a recovery
// code, and the wait shown when sign-ins are throttled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startHost } from './support/host.mjs';
import { assertAccessible, launch, open, screenshot } from './support/browser.mjs';
import { totp } from './support/totp.mjs';

const T = 'northwind';

async function signIn(page, email, password) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a temporary password signs in once and is changed on the spot', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = host.createUser(T, 'first@northwind.test', 'owner', 'Fay', 'First');
  const { page, problems } = await open(browser);

  // A deep link before signing in: sign-in first, then that page.
  await page.goto(host.page(T, 'profile'));
  await page.getByRole('heading', { name: 'Sign in to Northwind Admin' }).waitFor();
  assert.match(page.url(), /\/t\/northwind\/sign-in\?next=profile$/);
  await signIn(page, owner.email, owner.temporary);

  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await page.getByLabel('New password', { exact: true }).fill('a new long passphrase');
  await page.getByLabel('Repeat new password').fill('a different passphrase');
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.getByRole('alert').filter({ hasText: /match|differ|same/i }).waitFor();

  await page.getByLabel('Repeat new password').fill('a new long passphrase');
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.getByRole('heading', { name: 'Profile and security' }).waitFor();
  assert.match(page.url(), /\/t\/northwind\/profile$/);

  // The temporary password is spent: the API says so too.
  const again = await host.api(T, 'POST', '/auth/login', { body: { email: owner.email, password: owner.temporary } });
  assert.equal(again.status, 401);
  assert.deepEqual(problems, []);
});

test('signing in at the dashboard\'s own address stays on the Overview', { timeout: 60_000 }, async (t) => {
  // The shell asks for the Overview's data while it asks who is signed in;
  // that first, refused answer must not count once the user has signed in.
  const host = await startHost(t);
  const browser = await launch(t);
  const user = await host.signedIn(T, 'base@northwind.test', 'admin', 'a long base passphrase', 'Bea', 'Base');
  const { page, problems } = await open(browser);
  await page.goto(host.page(T));
  await page.getByRole('heading', { name: 'Sign in to Northwind Admin' }).waitFor();
  await signIn(page, user.email, user.password);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  await page.getByRole('heading', { name: 'Recent activity' }).waitFor();
  assert.match(page.url(), /\/t\/northwind\/$/);
  assert.deepEqual(problems, []);
});

test("the sign-in page shows the tenant's marketing copy, its markup made safe by the server", { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const admin = await host.signedIn(T, 'copy@northwind.test', 'owner', 'a long copy passphrase', 'Cora', 'Copy');
  const saved = await host.api(T, 'PUT', '/settings', {
    body: { marketing_format: 'markdown', marketing_copy: 'Ship **faster**. <img src=x onerror="window.pwned=1">\n\n- audited\n- white-label' },
    cookie: admin.cookie, csrf: admin.csrf, headers: { 'If-Match': '*' },
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.json));
  const { page, problems } = await open(browser);
  await page.goto(host.page(T, 'sign-in'));
  const about = page.getByRole('region', { name: 'About Northwind Admin' });
  await about.locator('strong', { hasText: 'faster' }).waitFor();
  assert.equal(await about.locator('li').count(), 2);
  // The tag is text: no image, nothing run.
  assert.match(await about.textContent(), /<img src=x onerror="window.pwned=1">/);
  assert.equal(await about.locator('img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await screenshot(page, T, 'sign-in-marketing');
  await assertAccessible(page, 'sign-in with marketing copy');
  assert.deepEqual(problems, []);
});

test('two-factor authentication is enrolled with a QR code and used at the next sign-in', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'twofa@northwind.test', 'owner', 'correct horse battery', 'Tess', 'Two');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);

  await page.goto(host.page(T, 'profile'));
  const enrolled = page.waitForResponse((r) => r.url().endsWith('/auth/2fa/enroll'));
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  // The secret, as an authenticator app reads it (the page shows it as text too).
  const { secret } = await (await enrolled).json();
  await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  const shown = (await page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/).first().textContent()).replace(/\s/g, '');
  assert.equal(shown, secret);
  await screenshot(page, T, 'profile-2fa-enrol');

  await page.getByLabel('Authentication code').fill(totp(secret));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('Save these codes now: they will not be shown again.').waitFor();
  const codes = await page.getByText(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$/).allTextContents();
  assert.equal(codes.length, 10);
  await screenshot(page, T, 'profile-recovery-codes');
  await page.getByRole('button', { name: 'I have saved my codes' }).click();
  await page.getByText('Two-factor authentication is on.').waitFor();

  // Sign out, then in again with a code of the next 30-second step (each
  // step's code works once: the confirmation used this one).
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Northwind Admin' }).waitFor();
  await signIn(page, owner.email, owner.password);
  await page.getByLabel('Authentication code').waitFor();
  await screenshot(page, T, 'sign-in-code');
  await sleep(30_000 - (Date.now() % 30_000) + 200);
  await page.getByLabel('Authentication code').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();

  // And once with a recovery code instead.
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, owner.email, owner.password);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(codes[3]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  assert.deepEqual(problems, []);
});

test('throttled sign-ins show how long to wait, not a generic error', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  host.createUser(T, 'slow@northwind.test', 'agent');
  const { page } = await open(browser);
  await page.goto(host.page(T, 'sign-in'));
  const wait = page.getByRole('alert').filter({ hasText: /Too many attempts\. Try again in \d+ s/ });
  for (let i = 0; i < 12 && !(await wait.isVisible()); i++) {
    await signIn(page, 'slow@northwind.test', `wrong password ${i}`);
    await page.getByRole('alert').first().waitFor();
    await page.waitForLoadState('networkidle');
  }
  await wait.waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign in' }).isDisabled(), true);
  await screenshot(page, T, 'sign-in-throttled');
});
