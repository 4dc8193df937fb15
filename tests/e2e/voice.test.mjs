// The Voice tab (voice plugin), against a fake Twilio and ElevenLabs
// (support/fake-providers.mjs) that the tenants' YAML points the plugin at:
// both settings pages saved and read back equal, secrets never sent back in
// plaintext, a field the partner locked, the credentials checks in words
// (connected, refused, no answer in time), a change made elsewhere (412)
// reloaded without losing what was typed, and the inbound numbers: add (a
// bad number refused beside its field), edit with the company picker,
// history, deactivate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TENANTS, startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible, WIDTHS } from './support/browser.mjs';
import { startFakeProviders } from './support/fake-providers.mjs';

const T = 'northwind';
/** The account SID northwind's YAML locks. */
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const APP = 'AP' + 'a'.repeat(32);
/** Short, so that "no answer in time" takes a second. */
const TIMEOUT_MS = 1000;
const TREE = {
  root: 'main',
  menus: { main: { prompt: 'Welcome', options: [{ digit: '0', label: 'Operator', action: 'transfer', number: '+14155550100' }] } },
};

/** The suite's tenants, with the voice plugin pointed at the fake providers. */
function tenantsFor(fake) {
  const lines = `      twilio_base_url: ${fake.url}\n      elevenlabs_base_url: ${fake.url}\n      provider_timeout_ms: ${TIMEOUT_MS}\n`;
  const northwind = TENANTS.northwind.replace('  voice:\n    settings:\n', (block) => block + lines);
  const southpole = TENANTS.southpole.replace('plugins:\n', (block) => `${block}  voice:\n    settings:\n${lines}`);
  assert.ok(northwind.includes(fake.url) && southpole.includes(fake.url), 'the tenants\' YAML changed shape');
  return { northwind, southpole };
}

async function setUp(t, tenant = T) {
  const fake = await startFakeProviders(t);
  const host = await startHost(t, { tenants: tenantsFor(fake) });
  const browser = await launch(t);
  const owner = await host.signedIn(tenant, `olive@${tenant}.test`, 'owner', 'a long voice passphrase', 'Olive', 'Owner');
  return { fake, host, browser, owner };
}

/**
 * The page's console problems, less the browser's own line about the 504 a
 * check answers when the provider is late: that answer is the behaviour shown.
 */
const unexpected = (problems) => problems.filter((p) => !/status of 504 .*\/api\/v1\/voice(-ai)?\/test\)$/.test(p));

/** A secret made for one run: found nowhere unless it leaked. */
const secret = (what) => `${what}-${process.pid}-${Math.random().toString(36).slice(2, 14)}`;

/** Everything the page holds as text: its DOM through every shadow root, the inputs' values, both storages. */
function everythingShown(page) {
  return page.evaluate(() => {
    const parts = [document.documentElement.outerHTML, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (typeof el.value === 'string') parts.push(el.value);
        if (el.shadowRoot) {
          parts.push(el.shadowRoot.innerHTML);
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    return parts.join('\n');
  });
}

/** Every answer's body the page receives from now on. */
function recordAnswers(page) {
  const bodies = [];
  page.on('response', (r) => bodies.push(r.text().catch(() => '')));
  return () => Promise.all(bodies);
}

async function replaceSecret(page, label, value) {
  await page.getByRole('group', { name: label }).getByRole('button', { name: 'Replace' }).click();
  await page.getByLabel(`New ${label.charAt(0).toLowerCase()}${label.slice(1)}`).fill(value);
}

/** Saves the form; once stored, nothing is left to save (the button is disabled). */
async function save(page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Save', exact: true, disabled: true }).waitFor();
}

/** Runs the check and gives the result's words. */
async function check(page) {
  await page.getByRole('button', { name: 'Test credentials' }).click();
  // Off the button: the kit's hovered primary button is not what is checked here.
  await page.mouse.move(0, 0);
  const result = page.locator('.result .outcome');
  await result.waitFor();
  return (await result.textContent()).replace(/\s+/g, ' ').trim();
}

test('Voice: saved and read back equal, the token never shown again, the locked SID, the check in words', { timeout: 120_000 }, async (t) => {
  const { fake, host, browser, owner } = await setUp(t);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  const answers = recordAnswers(page);
  const token = secret('twilio-token');

  await page.goto(host.page(T, 'voice'));
  await page.getByRole('heading', { name: 'Voice', level: 2, exact: true }).waitFor();
  // The partner's YAML locks the account SID: shown, not editable, with who decides.
  const sid = page.getByLabel('Account SID');
  await sid.waitFor();
  assert.equal(await sid.isDisabled(), true);
  assert.equal(await sid.inputValue(), ACCOUNT);
  await page.getByText('Locked — set by your provider').first().waitFor();

  await page.getByLabel('TwiML app SID').fill(APP);
  await page.getByLabel('Status callback URL').fill('https://calls.northwind.test/status');
  await replaceSecret(page, 'Auth token', token);
  // The check reads what is saved, and says so while the form holds more.
  const first = page.getByText('Save first: the test uses the stored credentials, not the changes above.');
  await first.waitFor();
  await save(page);
  await first.waitFor({ state: 'detached' });

  // Read back: the same values, the token as its last four characters only.
  await page.reload();
  await page.getByLabel('TwiML app SID').waitFor();
  assert.equal(await page.getByLabel('TwiML app SID').inputValue(), APP);
  assert.equal(await page.getByLabel('Status callback URL').inputValue(), 'https://calls.northwind.test/status');
  await page.getByRole('group', { name: 'Auth token' }).getByText(`••••${token.slice(-4)}`).waitFor();
  const stored = await host.api(T, 'GET', '/voice', { cookie: owner.cookie });
  assert.equal(stored.json.values.twiml_app_sid, APP);
  assert.equal(stored.json.values.auth_token, `••••${token.slice(-4)}`);
  await screenshot(page, T, 'voice-saved');
  await assertAccessible(page, 'the Voice page');

  // Connected: the host sent the stored token to Twilio.
  fake.twilio = { user: ACCOUNT, password: token, friendlyName: 'Northwind Support Line' };
  assert.equal(await check(page), 'Connected as Northwind Support Line');
  assert.equal(fake.seen.at(-1).password, token);
  await screenshot(page, T, 'voice-connected');
  // Refused: Twilio's status, in words.
  fake.twilio = { user: ACCOUNT, password: 'another-token', friendlyName: 'x' };
  assert.equal(await check(page), 'Twilio refused the credentials (HTTP 401)');
  await screenshot(page, T, 'voice-refused');
  await assertAccessible(page, 'a refused check');
  // No answer within the tenant's provider_timeout_ms.
  fake.delayMs = TIMEOUT_MS * 2;
  assert.equal(await check(page), 'Twilio did not answer within 1 s');
  fake.delayMs = 0;

  // The token was sent once, in the PUT; no answer, no DOM, no storage holds it since.
  const bodies = await answers();
  assert.ok(bodies.length > 5);
  assert.equal(bodies.filter((b) => b.includes(token)).length, 0, 'an answer holds the token');
  assert.equal((await everythingShown(page)).includes(token), false, 'the page holds the token');
  assert.deepEqual(unexpected(problems), []);
});

test('Voice AI: saved and read back equal, the check, and a change made elsewhere meanwhile', { timeout: 90_000 }, async (t) => {
  const { fake, host, browser, owner } = await setUp(t);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  const answers = recordAnswers(page);
  const key = secret('xi-key');
  const newer = secret('xi-newer');

  await page.goto(host.page(T, 'voice'));
  await page.getByRole('navigation', { name: 'Voice pages' }).getByRole('link', { name: 'Voice AI' }).click();
  await page.waitForURL(/\/voice\/ai$/);
  await page.getByRole('heading', { name: 'Voice AI', level: 2 }).waitFor();
  await page.getByLabel('ElevenLabs agent ID').fill('agent_front');
  await replaceSecret(page, 'ElevenLabs API key', key);
  await save(page);
  await page.reload();
  await page.getByLabel('ElevenLabs agent ID').waitFor();
  assert.equal(await page.getByLabel('ElevenLabs agent ID').inputValue(), 'agent_front');
  await page.getByRole('group', { name: 'ElevenLabs API key' }).getByText(`••••${key.slice(-4)}`).waitFor();

  fake.agents.set('agent_front', 'Front desk');
  fake.elevenLabsKey = key;
  assert.equal(await check(page), 'Connected to the agent Front desk');
  assert.equal(fake.seen.at(-1).xiApiKey, key);
  fake.elevenLabsKey = 'xi-someone-else';
  assert.equal(await check(page), 'ElevenLabs refused the credentials (HTTP 401)');
  fake.delayMs = TIMEOUT_MS * 2;
  assert.equal(await check(page), 'ElevenLabs did not answer within 1 s');
  fake.delayMs = 0;
  assert.equal((await answers()).filter((b) => b.includes(key)).length, 0, 'an answer holds the API key');

  // Someone changes the agent through the API while a new key is typed here:
  // the save is refused (412), and Reload shows their agent with the key still typed.
  await replaceSecret(page, 'ElevenLabs API key', newer);
  const elsewhere = await host.api(T, 'PUT', '/voice-ai', {
    body: { elevenlabs_agent_id: 'agent_back' }, cookie: owner.cookie, csrf: owner.csrf, headers: { 'If-Match': '*' },
  });
  assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.json));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const stale = page.getByRole('alert').filter({ hasText: 'changed elsewhere' });
  await stale.waitFor();
  await screenshot(page, T, 'voice-ai-changed-elsewhere');
  await stale.getByRole('button', { name: 'Reload' }).click();
  await stale.waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('ElevenLabs agent ID').inputValue(), 'agent_back');
  assert.equal(await page.getByLabel('New ElevenLabs API key').inputValue(), newer);
  await save(page);
  fake.agents.set('agent_back', 'Back office');
  fake.elevenLabsKey = newer;
  assert.equal(await check(page), 'Connected to the agent Back office');
  assert.equal((await everythingShown(page)).includes(newer), false, 'the page holds the saved key');
  assert.deepEqual(unexpected(problems), []);
});

test('inbound numbers: a bad number refused, add, edit with the picker, history, deactivate', { timeout: 120_000 }, async (t) => {
  const { host, browser, owner } = await setUp(t);
  const company = async (name, domain, callTree) => {
    const made = await host.api(T, 'POST', '/companies', {
      body: { name, domain, ...(callTree ? { call_tree: callTree } : {}) }, cookie: owner.cookie, csrf: owner.csrf,
    });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    return made.json.company.id;
  };
  await company('Acme Rocketry', 'acme-rocketry.test', TREE);
  await company('Acme Plain', 'acme-plain.test', null);
  const globex = await company('Globex', 'globex.test', TREE);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  const posts = [];
  page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/voice/numbers') && posts.push(r.url()));

  await page.goto(host.page(T, 'voice/numbers'));
  await page.getByText('No inbound numbers yet.').waitFor();
  await page.getByRole('button', { name: 'Add number' }).first().click();
  await page.getByRole('heading', { name: 'Add an inbound number', level: 1 }).waitFor();
  await page.getByText('+ then country code and number, e.g. +14155550123').waitFor();

  // Not E.164: refused beside the field before anything is sent.
  const number = page.getByLabel('Number', { exact: true });
  await number.fill('+1234');
  await page.getByRole('button', { name: 'Add number' }).click();
  await page.getByText('+1234 is not a number in E.164 form').waitFor();
  assert.equal(await number.getAttribute('aria-invalid'), 'true');
  assert.equal(posts.length, 0);
  await screenshot(page, T, 'voice-number-refused');
  await assertAccessible(page, 'a refused number');

  // Separators are dropped; the picker offers only companies with a call tree.
  await number.fill('+1 (415) 555-0123');
  await page.getByLabel('Friendly name').fill('Support line');
  const picker = page.getByRole('combobox', { name: 'Routed to' });
  await picker.fill('acme');
  const options = page.getByRole('listbox', { name: 'Companies with a call tree' });
  await options.getByRole('option', { name: /Acme Rocketry/ }).waitFor();
  assert.equal(await options.getByRole('option', { name: /Acme Plain/ }).count(), 0);
  await screenshot(page, T, 'voice-number-picker', { fullPage: false });
  await assertAccessible(page, 'the company picker');
  await picker.press('ArrowDown');
  await picker.press('Enter');
  await page.locator('.chosen').getByText('Acme Rocketry').waitFor();
  await page.getByRole('button', { name: 'Add number' }).click();
  const row = page.getByRole('row', { name: /\+14155550123/ });
  await row.waitFor();
  assert.match(await row.textContent(), /Support line[\s\S]*Acme Rocketry[\s\S]*Active/);
  await screenshot(page, T, 'voice-numbers');
  await assertAccessible(page, 'the numbers');

  // The same number again: the server's refusal, beside the field.
  await page.getByRole('button', { name: 'Add number' }).click();
  await number.fill('+14155550123');
  await page.getByRole('button', { name: 'Add number' }).click();
  await page.getByText('+14155550123 is already an inbound number').waitFor();
  assert.equal(await number.getAttribute('aria-invalid'), 'true');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Edit: another name and another company.
  await page.getByRole('link', { name: 'Edit +14155550123 (Support line)' }).click();
  await page.getByRole('heading', { name: 'Edit +14155550123', level: 1 }).waitFor();
  await page.getByLabel('Friendly name').fill('Sales line');
  await picker.fill('glob');
  await options.getByRole('option', { name: /Globex/ }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await row.filter({ hasText: 'Sales line' }).waitFor();
  assert.match(await row.textContent(), /Globex/);
  const listed = await host.api(T, 'GET', '/voice/numbers', { cookie: owner.cookie });
  assert.deepEqual(listed.json.items.map((n) => [n.friendly_name, n.company_id, n.company_name]), [['Sales line', globex, 'Globex']]);

  // Its history, in the shell's drawer.
  await page.getByRole('button', { name: 'History of +14155550123 (Sales line)' }).click();
  const drawer = page.getByRole('dialog', { name: /History/ });
  await drawer.getByText('Sales line').first().waitFor();
  await drawer.getByRole('button', { name: 'Close' }).click();

  // Deactivate, behind a confirmation: gone from the active numbers, shown among all.
  await page.getByRole('button', { name: 'Deactivate +14155550123 (Sales line)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate +14155550123?' });
  await dialog.waitFor();
  await screenshot(page, T, 'voice-number-deactivate', { fullPage: false });
  await assertAccessible(page, 'the deactivation dialog');
  await dialog.getByRole('button', { name: 'Deactivate number' }).click();
  await row.waitFor({ state: 'detached' });
  await page.getByLabel('Show').selectOption({ label: 'All numbers' });
  await page.waitForURL(/show=all/);
  assert.match(await row.textContent(), /Deactivated/);
  assert.equal(await page.getByRole('button', { name: /^Deactivate / }).count(), 0);
  assert.equal((await host.api(T, 'GET', '/voice/numbers', { cookie: owner.cookie })).json.items[0].active, false);
  assert.deepEqual(problems, []);
});

test('whoever may only read sees no check and no changes to the numbers', { timeout: 60_000 }, async (t) => {
  const { host, browser, owner } = await setUp(t);
  const added = await host.api(T, 'POST', '/voice/numbers', {
    body: { phone_number: '+14155550199', friendly_name: 'Lobby' }, cookie: owner.cookie, csrf: owner.csrf,
  });
  assert.equal(added.status, 201, JSON.stringify(added.json));
  const reader = await host.signedIn(T, 'sue@northwind.test', 'supervisor', 'a long reading passphrase', 'Sue', 'Super');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, reader);
  await page.goto(host.page(T, 'voice'));
  await page.getByLabel('TwiML app SID').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Test credentials' }).count(), 0);
  await page.goto(host.page(T, 'voice/numbers'));
  await page.getByRole('row', { name: /Lobby/ }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Add number' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /^Deactivate / }).count(), 0);
  assert.equal(await page.getByRole('link', { name: /^Edit / }).count(), 0);
  assert.deepEqual(problems, []);
});

for (const tenant of ['northwind', 'southpole']) {
  test(`the Voice tab's pages for ${tenant} at both widths`, { timeout: 90_000 }, async (t) => {
    const { host, browser, owner } = await setUp(t, tenant);
    const added = await host.api(tenant, 'POST', '/voice/numbers', {
      body: { phone_number: '+442079460000', friendly_name: 'London reception' }, cookie: owner.cookie, csrf: owner.csrf,
    });
    assert.equal(added.status, 201, JSON.stringify(added.json));
    for (const width of Object.values(WIDTHS)) {
      const { context, page, problems } = await open(browser, width);
      await host.useSession(context, tenant, owner);
      for (const [path, name, ready] of [
        ['voice', 'voice', () => page.getByLabel('TwiML app SID')],
        ['voice/ai', 'voice-ai', () => page.getByLabel('ElevenLabs agent ID')],
        ['voice/numbers', 'voice-numbers', () => page.getByRole('row', { name: /London reception/ })],
        ['voice/numbers/new', 'voice-number-new', () => page.getByLabel('Friendly name')],
      ]) {
        await page.goto(host.page(tenant, path));
        await ready().waitFor();
        await screenshot(page, tenant, name);
        await assertAccessible(page, `${path} of ${tenant} at ${width}`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  });
}
