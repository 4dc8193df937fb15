// A tab with no UI of its own (Voice) gets the shell's generic settings
// form: a locked field shown locked, a change saved and seen in the record's
// history drawer, and an edit made elsewhere meanwhile caught (412) without
// losing what was typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible } from './support/browser.mjs';

const T = 'northwind';
const APP = 'AP0123456789abcdef0123456789abcdef';
const OTHER_APP = 'AP' + 'f'.repeat(32);

test('the generic settings form: locked, saved, history, changed elsewhere', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'voice@northwind.test', 'owner', 'a long voice passphrase', 'Vic', 'Voice');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);

  await page.goto(host.page(T, 'voice'));
  await page.getByRole('heading', { name: 'Voice', exact: true, level: 2 }).waitFor();
  // The tenant's YAML locks the account SID: shown, not editable, with who decides.
  const sid = page.getByLabel('Account SID');
  await sid.waitFor();
  assert.equal(await sid.isDisabled(), true);
  assert.equal(await sid.inputValue(), 'AC0123456789abcdef0123456789abcdef');
  await page.getByText('Locked — set by your provider').first().waitFor();
  await screenshot(page, T, 'settings-voice');
  await assertAccessible(page, 'voice settings');

  // A bad value is refused next to its field, and nothing is saved.
  const form = page.locator('form').filter({ has: page.getByLabel('TwiML app SID') });
  await form.getByLabel('TwiML app SID').fill('not an app');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByText(/twiml_app_sid/).first().waitFor();
  assert.equal(await form.getByLabel('TwiML app SID').getAttribute('aria-invalid'), 'true');

  await form.getByLabel('TwiML app SID').fill(APP);
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved').waitFor();
  const stored = await host.api(T, 'GET', '/voice', { cookie: owner.cookie });
  assert.equal(stored.json.values.twiml_app_sid, APP);

  // Its history, in the shell's drawer.
  await form.getByRole('button', { name: 'History' }).click();
  const drawer = page.getByRole('dialog', { name: /History/ });
  await drawer.getByText(APP).waitFor();
  await drawer.getByText('Vic Voice').first().waitFor();
  await screenshot(page, T, 'history-drawer', { fullPage: false });
  await assertAccessible(page, 'history drawer');
  await drawer.getByRole('button', { name: 'Close' }).click();

  // Someone else saves meanwhile: this form's next save is refused (412) and says so.
  const changed = await host.api(T, 'PUT', '/voice', {
    body: { twiml_app_sid: OTHER_APP },
    cookie: owner.cookie,
    csrf: owner.csrf,
    headers: { 'If-Match': '*' },
  });
  assert.equal(changed.status, 200, JSON.stringify(changed.json));
  await form.getByLabel('Status callback URL').fill('https://hooks.northwind.test/calls');
  await form.getByRole('button', { name: 'Save' }).click();
  const stale = page.getByRole('alert').filter({ hasText: 'These settings were changed elsewhere since you opened them.' });
  await stale.waitFor();
  await screenshot(page, T, 'settings-changed-elsewhere');
  await stale.getByRole('button', { name: 'Reload' }).click();
  await stale.waitFor({ state: 'detached' });
  // The other edit shows, and what was typed here is kept on top of it: saving now stores both.
  assert.equal(await form.getByLabel('TwiML app SID').inputValue(), OTHER_APP);
  assert.equal(await form.getByLabel('Status callback URL').inputValue(), 'https://hooks.northwind.test/calls');
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved').last().waitFor();
  const both = await host.api(T, 'GET', '/voice', { cookie: owner.cookie });
  assert.equal(both.json.values.twiml_app_sid, OTHER_APP);
  assert.equal(both.json.values.status_callback_url, 'https://hooks.northwind.test/calls');
  assert.deepEqual(problems, []);
});

test('saving the General page rebrands the dashboard at once', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'brand@northwind.test', 'owner', 'a long brand passphrase', 'Bree', 'Brand');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, 'settings'));
  const form = page.locator('form').filter({ has: page.getByLabel('Display name') });
  await form.getByLabel('Display name').fill('Northwind Partner Desk');
  await form.getByLabel('Primary color').fill('#7c3aed');
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved').waitFor();
  // The bar's name and the branded colour follow without a reload.
  await page.getByRole('banner').getByText('Northwind Partner Desk').waitFor();
  const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--tabhost-primary').trim());
  assert.equal(primary.toLowerCase(), '#7c3aed');
  assert.match(await page.title(), /Northwind Partner Desk/);
  assert.deepEqual(problems, []);
});
