// The General tab (settings plugin): the page saved and read back equal, the
// default plan offered from billing's catalog when billing is enabled, the
// colour picker with its preview and contrast warning, the branding applied
// to the shell without a reload, the logo upload (a PNG previewed, a fake
// PNG and an SVG with script refused with the server's reason, removed), and
// the marketing copy's preview as served (Markdown bold, a script as text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible } from './support/browser.mjs';

const PLANS = [
  { id: 'basic', name: 'Basic', price_label: '$9 / month', payment_link: 'https://buy.stripe.com/test_basic' },
  { id: 'pro', name: 'Pro', price_label: '$49 / month', payment_link: 'https://buy.stripe.com/test_pro' },
];

/** A real PNG of `width` × `height` pixels of one colour, so that the preview has something to draw. */
function png(width, height, [r, g, b]) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const line = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => line)));
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0))]);
}

async function owner(host, tenant) {
  return host.signedIn(tenant, `gina@${tenant}.test`, 'owner', 'a long general passphrase', 'Gina', 'General');
}

/** The General page's form (the shell's settings form inside the tab). */
const settingsForm = (page) => page.locator('form').filter({ has: page.getByLabel('Display name') });

/** A custom property as the shell set it on the document. */
const shellProperty = (page, name) =>
  page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);

test('the page saved and read back equal, the default plan from the catalog, the shell rebranded at once', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'southpole';
  const session = await owner(host, T);
  for (const plan of PLANS) {
    const added = await host.api(T, 'POST', '/billing/plans', { body: plan, cookie: session.cookie, csrf: session.csrf });
    assert.equal(added.status, 201);
  }
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, session);
  await page.goto(host.page(T, 'settings'));
  const form = settingsForm(page);
  // Billing is enabled here: the plan is chosen from its catalog.
  const plan = form.getByRole('combobox', { name: 'Default user plan' });
  await plan.waitFor();
  assert.deepEqual(await plan.locator('option').allTextContents(), ['—', 'Basic ($9 / month)', 'Pro ($49 / month)']);

  await form.getByLabel('Display name').fill('Southpole Fleet Desk');
  await page.getByLabel('Colour picker').fill('#7c3aed');
  await plan.selectOption('pro');
  await form.getByLabel('Marketing copy').fill('Ship **faster** with us.');
  await form.getByLabel('Marketing format').selectOption('markdown');
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved', { exact: true }).waitFor();
  // The shell's name and colours follow without a reload.
  await page.getByRole('banner').getByText('Southpole Fleet Desk').waitFor();
  assert.equal(await shellProperty(page, '--tabhost-primary'), '#7c3aed');
  assert.equal(await shellProperty(page, '--tabhost-on-primary'), '#fff');

  const expected = {
    display_name: 'Southpole Fleet Desk', primary_color: '#7c3aed', default_user_plan: 'pro',
    marketing_copy: 'Ship **faster** with us.', marketing_format: 'markdown',
  };
  const stored = (await host.api(T, 'GET', '/settings', { cookie: session.cookie })).json.values;
  for (const [name, value] of Object.entries(expected)) assert.equal(stored[name], value, name);
  await page.reload();
  await form.getByRole('combobox', { name: 'Default user plan' }).waitFor();
  assert.equal(await form.getByLabel('Display name').inputValue(), expected.display_name);
  assert.equal(await form.getByLabel('Primary color').inputValue(), expected.primary_color);
  assert.equal(await page.getByLabel('Colour picker').inputValue(), expected.primary_color);
  assert.equal(await form.getByRole('combobox', { name: 'Default user plan' }).inputValue(), 'pro');
  assert.equal(await form.getByLabel('Marketing copy').inputValue(), expected.marketing_copy);
  assert.equal(await form.getByLabel('Marketing format').inputValue(), 'markdown');
  assert.deepEqual(problems, []);

  // Northwind has no billing (no tab, and its catalog answers no list): the plan is free text there, which the
  // server takes as it is.
  const N = 'northwind';
  const other = await owner(host, N);
  const { tabs } = (await host.api(N, 'GET', '/tabs', { cookie: other.cookie })).json;
  assert.equal(tabs.some((tab) => tab.id === 'billing'), false);
  assert.ok((await host.api(N, 'GET', '/billing/plans', { cookie: other.cookie })).status >= 400);
  const second = await open(browser);
  await host.useSession(second.context, N, other);
  await second.page.goto(host.page(N, 'settings'));
  const free = settingsForm(second.page).getByRole('textbox', { name: 'Default user plan' });
  await free.fill('enterprise');
  await settingsForm(second.page).getByRole('button', { name: 'Save' }).click();
  await second.page.getByText('Saved', { exact: true }).waitFor();
  assert.equal((await host.api(N, 'GET', '/settings', { cookie: other.cookie })).json.values.default_user_plan, 'enterprise');
  assert.deepEqual(second.problems, []);
});

test('the colour: picker and hex field agree, a live preview, the contrast warning for a light colour only', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  for (const T of ['northwind', 'southpole']) {
    const session = await owner(host, T);
    const { context, page, problems } = await open(browser);
    await host.useSession(context, T, session);
    await page.goto(host.page(T, 'settings'));
    const form = settingsForm(page);
    const hex = form.getByLabel('Primary color');
    const picker = page.getByLabel('Colour picker');
    const warning = page.getByText('Hard to see on the white page');
    const sample = page.locator('.sample .th-btn-primary');
    await hex.waitFor();
    await screenshot(page, T, 'general');
    await assertAccessible(page, `the General tab of ${T}`);

    // A dark blue: white text on it (6.7:1), and it stands out from the white page: no warning.
    await hex.fill('#1d4ed8');
    assert.equal(await picker.inputValue(), '#1d4ed8');
    await page.getByText(/writes white text on it \(contrast 6\.7:1\)/).waitFor();
    assert.equal(await warning.count(), 0);
    assert.equal(await sample.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(29, 78, 216)');

    // A pale yellow from the picker: into the hex field; black text on it (19.7:1), but only 1.1:1 on white: warned.
    await picker.fill('#ffff66');
    assert.equal(await hex.inputValue(), '#ffff66');
    await warning.waitFor();
    await page.getByText(/writes black text on it \(contrast 19\.\d:1\)/).waitFor();
    await page.getByText('1.1:1 against white, under the 3:1').waitFor();
    assert.equal(await sample.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(255, 255, 102)');
    assert.equal(await sample.evaluate((b) => getComputedStyle(b).color), 'rgb(0, 0, 0)');
    await screenshot(page, T, 'general-light-colour');
    await assertAccessible(page, `the colour warning of ${T}`);

    // Saved: the shell takes the colour and the text colour the preview named.
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--tabhost-primary').trim() === '#ffff66');
    assert.equal(await shellProperty(page, '--tabhost-on-primary'), '#000');
    const named = /focus rings use (#[0-9a-f]{6})/.exec(await page.getByText('focus rings use').textContent())[1];
    assert.equal(await shellProperty(page, '--tabhost-primary-strong'), named);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the logo: a PNG uploaded and previewed, a fake PNG and an SVG with script refused with the reason, removed', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'northwind';
  const session = await owner(host, T);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, session);
  await page.goto(host.page(T, 'settings'));
  const file = page.getByLabel('Upload a logo');
  const upload = page.getByRole('button', { name: 'Upload', exact: true });
  await page.getByText('No logo uploaded.').waitFor();
  // The limit is named before anything is sent.
  await page.getByText(/PNG, JPEG or SVG, at most 256 KB/).waitFor();

  await file.setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('this is no image at all') });
  await upload.click();
  await page.getByText('the file is not a PNG, JPEG or SVG image').waitFor();
  assert.equal(await file.getAttribute('aria-invalid'), 'true');
  await screenshot(page, T, 'general-logo-refused');
  await assertAccessible(page, 'a refused logo');

  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
  await file.setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
  await upload.click();
  await page.getByText(/the SVG holds script/).waitFor();
  assert.equal((await host.api(T, 'GET', '/settings/logo')).status, 404);

  await file.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(96, 32, [15, 118, 110]) });
  await upload.click();
  const preview = page.getByRole('img', { name: 'The uploaded logo' });
  await preview.waitFor();
  await page.waitForFunction(() => {
    const find = (root) => root.querySelector('img[alt="The uploaded logo"]') ??
      [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot)).find(Boolean);
    const img = find(document);
    return img?.complete && img.naturalWidth === 96;
  });
  assert.equal(await page.getByText('the file is not a PNG, JPEG or SVG image').count(), 0);
  await page.getByText(/^PNG, \d+ bytes$/).waitFor();
  // The shell's header shows the uploaded logo at once.
  await page.getByRole('banner').locator('img[src*="/settings/logo?v="]').waitFor();
  assert.equal((await host.api(T, 'GET', '/settings/logo')).status, 200);
  await screenshot(page, T, 'general-logo');

  await page.getByRole('button', { name: 'Remove uploaded logo' }).click();
  await page.getByText('No logo uploaded.').waitFor();
  assert.equal((await host.api(T, 'GET', '/settings/logo')).status, 404);
  assert.deepEqual(problems, []);
});

test('the marketing copy preview: rendered as served, **bold** as <strong>, a <script> as text', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'southpole';
  const session = await owner(host, T);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, session);
  await page.goto(host.page(T, 'settings'));
  const form = settingsForm(page);
  await form.getByLabel('Marketing format').selectOption('markdown');
  // Several lines: a paragraph, then a list (the field is a text area).
  const copy = 'Welcome **aboard** <script>window.pwned = 1</script>\n\n- fast\n- safe';
  await form.getByLabel('Marketing copy').fill(copy);
  const served = page.locator('.served');
  await served.locator('strong', { hasText: 'aboard' }).waitFor();
  assert.equal(await served.locator('li').count(), 2);
  assert.match(await served.textContent(), /<script>window\.pwned = 1<\/script>/);
  assert.equal(await served.locator('script').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await screenshot(page, T, 'general-markdown-preview');
  await assertAccessible(page, 'the copy preview');

  // Plain text: the stars stay stars.
  await form.getByLabel('Marketing format').selectOption('plain');
  await served.getByText('Welcome **aboard**', { exact: false }).waitFor();
  assert.equal(await served.locator('strong').count(), 0);

  // What the preview showed is what the branding serves once saved.
  await form.getByLabel('Marketing format').selectOption('markdown');
  await served.locator('strong').waitFor();
  const shown = await served.innerHTML();
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved', { exact: true }).waitFor();
  const branding = (await host.api(T, 'GET', '/branding')).json;
  assert.equal(branding.marketing_html, shown.replace(/<!--[^]*?-->/g, ''));
  assert.deepEqual(problems, []);
});
