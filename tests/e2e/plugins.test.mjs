// A third party's tab: the out-of-tree hello plugin, built with the SDK's
// CMake only (no npm), loaded from the plugin folder like any other; and
// user-supplied strings, whatever they look like, shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot } from './support/browser.mjs';

const T = 'northwind';
const XSS = '<img src=x onerror=alert(1)>';

test('the hello tab from an out-of-tree plugin greets and stores greetings', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'hello@northwind.test', 'owner', 'a long hello passphrase', 'Hal', 'Hello');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, 'hello'));
  await page.getByRole('heading', { name: 'Greetings', level: 1 }).waitFor();
  await page.getByText('Ahoy, Northwind Traders!').waitFor();
  await page.getByLabel('Name').fill('Grace');
  await page.getByRole('button', { name: 'Greet' }).click();
  await page.getByText('Greeted Grace').waitFor();
  await page.getByRole('listitem').filter({ hasText: 'Grace' }).waitFor();
  assert.deepEqual(problems, []);
});

test('names that look like markup are shown as text, never run', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'xss@northwind.test', 'owner', 'a long xss passphrase', XSS, 'Owner');
  await host.api(T, 'POST', '/tokens', {
    body: { name: XSS, scopes: ['tokens.read'] }, cookie: owner.cookie, csrf: owner.csrf,
  });
  const { context, page, problems } = await open(browser);
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await host.useSession(context, T, owner);

  // The Overview's activity names the user; the Backend tab the token.
  await page.goto(host.page(T));
  await page.getByText(`${XSS} Owner`).first().waitFor();
  await page.goto(host.page(T, 'tokens'));
  await page.getByRole('row', { name: /img src=x/ }).getByText(XSS).waitFor();
  await page.goto(host.page(T, 'hello'));
  await page.getByLabel('Name').fill(XSS);
  await page.getByRole('button', { name: 'Greet' }).click();
  await page.getByRole('listitem').filter({ hasText: XSS }).waitFor();
  await screenshot(page, T, 'xss-as-text');

  // Playwright's CSS selectors pierce open shadow roots: no such element anywhere.
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
});
