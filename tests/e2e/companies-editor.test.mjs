// The Companies tab's editor: a company with every section and a
// three-level call tree, created and found equal after a reload (on SQLite
// and PostgreSQL); call-tree problems marked before saving and the API's own
// refusal shown on its entry; a field the API refuses marked beside it; an
// edit that sends only what changed and shows in the history; delete with
// the step-up prompt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { havePostgres, startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible, WIDTHS } from './support/browser.mjs';
import { nestedTree, seedCatalog } from '../fixtures/companies/seed.mjs';

/** An entry of the call-tree editor, by its place ("Main menu, entry 1", "Menu 1 › 2, entry 1"). */
const entry = (page, name) => page.getByRole('group', { name, exact: true });
/** One of an entry's own controls (its submenu's entries follow it in the group). */
const control = (page, name, label) => entry(page, name).getByLabel(label, { exact: true }).first();

async function fillEntry(page, name, { digit, label, action, target }) {
  if (digit) await control(page, name, 'Key').selectOption(digit);
  await control(page, name, 'Label').fill(label);
  await control(page, name, 'Action').selectOption(action);
  if (action === 'transfer') await control(page, name, 'Number').fill(target);
  if (action === 'queue') await control(page, name, 'Queue').fill(target);
}

/** The requests the page sends to the catalog's write routes. */
function writes(page) {
  const sent = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && /\/api\/v1\/companies/.test(r.url())) sent.push({ method: r.method(), body: r.postDataJSON() });
  });
  return sent;
}

const FIELDS = {
  Name: 'Hooli Support', Domain: 'hooli.example', 'Logo URL': 'https://cdn.hooli.example/logo.png',
  Description: 'Search, phones\nand everything in between.', Industry: 'Telecom', Website: 'https://hooli.example',
  Street: '1 Infinite Loop', City: 'Munich', 'Region or state': 'Bavaria', 'Postal code': '80331',
  'Support email': 'help@hooli.example', 'Support phone': '+498912345678', 'Support hours': 'Mon–Fri 8:00–18:00',
};

for (const postgres of [false, true]) {
  test(`create a company with every section and a three-level call tree; reload finds it equal (${postgres ? 'PostgreSQL' : 'SQLite'})`, {
    timeout: 120_000, skip: postgres && !havePostgres && 'no PostgreSQL (scripts/test.sh starts one)',
  }, async (t) => {
    const host = await startHost(t, { postgres });
    const browser = await launch(t);
    const T = 'northwind';
    const { owner, call } = await seedCatalog(host, T);
    const { context, page, problems } = await open(browser);
    await host.useSession(context, T, owner);
    await page.goto(host.page(T, 'companies'));
    await page.getByRole('link', { name: 'Add company' }).click();
    await page.getByRole('heading', { name: 'Add a company', level: 1 }).waitFor();

    for (const [label, value] of Object.entries(FIELDS)) await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel('Country').selectOption('DE');
    await page.getByLabel('Employees').selectOption('count');
    await page.getByLabel('Number of employees').fill('1200');

    await page.getByRole('button', { name: 'Add a call tree' }).click();
    await page.getByLabel('Greeting (optional)').fill('Welcome to Hooli.');
    await fillEntry(page, 'Main menu, entry 1', { label: 'Sales', action: 'submenu' });
    await fillEntry(page, 'Menu 1, entry 1', { label: 'New orders', action: 'submenu' });
    await fillEntry(page, 'Menu 1 › 1, entry 1', { label: 'Wait for an agent', action: 'queue', target: 'orders' });
    await page.getByRole('button', { name: 'Add an entry to menu 1', exact: true }).click();
    await fillEntry(page, 'Menu 1, entry 2', { label: 'Operator', action: 'transfer', target: '+14155550100' });
    await page.getByRole('button', { name: 'Add an entry to the main menu', exact: true }).click();
    await fillEntry(page, 'Main menu, entry 2', { digit: '9', label: 'Goodbye', action: 'hangup' });
    // Reordered: Goodbye first.
    await page.getByRole('button', { name: 'Move Main menu, entry 2 up' }).click();
    await page.getByRole('checkbox', { name: 'Call tree verified' }).check();
    await screenshot(page, T, 'companies-new');
    await assertAccessible(page, 'the editor with a call tree');

    await page.getByRole('button', { name: 'Add company' }).click();
    await page.waitForURL(/\/companies\/\d+$/);
    const id = page.url().split('/').pop();
    await page.getByRole('heading', { name: 'Hooli Support', level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Hooli Support', level: 1 }).waitFor();
    for (const [label, value] of Object.entries(FIELDS))
      assert.equal(await page.getByLabel(label, { exact: true }).inputValue(), value, label);
    assert.equal(await page.getByLabel('Country').inputValue(), 'DE');
    assert.equal(await page.getByLabel('Number of employees').inputValue(), '1200');
    assert.equal(await page.getByRole('checkbox', { name: 'Call tree verified' }).isChecked(), true);
    assert.equal(await control(page, 'Main menu, entry 1', 'Label').inputValue(), 'Goodbye');
    assert.equal(await control(page, 'Main menu, entry 2', 'Label').inputValue(), 'Sales');
    assert.equal(await control(page, 'Menu 1 › 1, entry 1', 'Queue').inputValue(), 'orders');
    assert.equal(await control(page, 'Menu 1, entry 2', 'Number').inputValue(), '+14155550100');

    // What the API stored: three levels, in the order shown.
    const { company } = await call('GET', `/companies/${id}`);
    const tree = company.call_tree;
    const main = tree.menus[tree.root];
    assert.equal(main.prompt, 'Welcome to Hooli.');
    assert.deepEqual(main.options.map((o) => [o.digit, o.label, o.action]), [['9', 'Goodbye', 'hangup'], ['1', 'Sales', 'submenu']]);
    const sales = tree.menus[main.options[1].menu];
    assert.deepEqual(sales.options.map((o) => [o.digit, o.label, o.number ?? null]),
      [['1', 'New orders', null], ['2', 'Operator', '+14155550100']]);
    assert.deepEqual(tree.menus[sales.options[0].menu].options, [{ digit: '1', label: 'Wait for an agent', action: 'queue', queue: 'orders' }]);
    assert.equal(company.size, '1200');
    assert.equal(company.call_tree_verified, true);
    assert.equal(company.status, 'pending');
    assert.deepEqual(problems, []);
  });
}

test('call-tree problems are marked before saving; the API\'s own refusal shows on its entry', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'southpole';
  const { owner, create } = await seedCatalog(host, T);
  const deep = await create({ name: 'Deep Menus', domain: 'deep.example', call_tree: nestedTree(5) });
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  const sent = writes(page);

  // A digit used twice in one menu: both entries say so, at once.
  await page.goto(host.page(T, `companies/${deep.id}`));
  await page.getByRole('heading', { name: 'Deep Menus', level: 1 }).waitFor();
  await control(page, 'Main menu, entry 2', 'Key').selectOption('1');
  for (const name of ['Main menu, entry 1', 'Main menu, entry 2']) {
    await entry(page, name).getByText('Key 1 is used twice in this menu.').first().waitFor();
    assert.equal(await control(page, name, 'Key').getAttribute('aria-invalid'), 'true');
  }
  // A sixth level where the tenant allows five.
  await control(page, 'Menu 1 › 1 › 1 › 1, entry 1', 'Action').selectOption('submenu');
  await entry(page, 'Menu 1 › 1 › 1 › 1, entry 1')
    .getByText('This submenu would be level 6; menus nest at most 5 levels here.').first().waitFor();
  // A number not in E.164 form.
  await control(page, 'Main menu, entry 2', 'Number').fill('0891234');
  await entry(page, 'Main menu, entry 2').getByText(/E\.164 form/).first().waitFor();
  await screenshot(page, T, 'companies-call-tree-problems');
  await assertAccessible(page, 'the call-tree editor with problems');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await sleep(300);
  assert.deepEqual(sent, [], 'nothing is sent while the tree has problems');

  // The limits the tab checks against are the tenant's.
  const limits = await host.api(T, 'GET', '/companies/limits', { cookie: owner.cookie });
  assert.deepEqual(limits.json, { call_tree_max_depth: 5, import_max_bytes: 256 * 1024 * 1024 });

  // The API counts bytes where the input counts characters: its refusal names the entry's path.
  await page.reload();
  await page.getByRole('heading', { name: 'Deep Menus', level: 1 }).waitFor();
  await control(page, 'Menu 1, entry 2', 'Label').fill('é'.repeat(60));
  await page.getByRole('button', { name: 'Save changes' }).click();
  const refused = entry(page, 'Menu 1, entry 2').getByText('Label is over 100 bytes').first();
  await refused.waitFor();
  assert.equal(await control(page, 'Menu 1, entry 2', 'Label').getAttribute('aria-invalid'), 'true');
  assert.equal(await entry(page, 'Main menu, entry 2').getByText('Label is over 100 bytes').count(), 0);
  await screenshot(page, T, 'companies-call-tree-refused');
  assert.equal(sent.length, 1);
  assert.deepEqual(Object.keys(sent[0].body), ['call_tree']);
  // Nothing was saved.
  const stored = await host.api(T, 'GET', `/companies/${deep.id}`, { cookie: owner.cookie });
  assert.deepEqual(stored.json.company.call_tree, nestedTree(5));
  assert.deepEqual(problems, []);
});

test('an edit sends only what changed, a refused field is marked beside it, and the history shows before → after', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'northwind';
  const { owner, create } = await seedCatalog(host, T);
  const initech = await create({ name: 'Initrode', domain: 'initrode.example', address: { city: 'London', country: 'GB' } });
  for (const width of Object.values(WIDTHS)) {
    const { context, page, problems } = await open(browser, width);
    await host.useSession(context, T, owner);
    await page.goto(host.page(T, `companies/${initech.id}`));
    await page.getByRole('heading', { name: 'Initrode', level: 1 }).waitFor();
    await screenshot(page, T, 'companies-edit');
    await assertAccessible(page, `the editor at ${width}`);
    assert.deepEqual(problems, []);
    await context.close();
  }

  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  const sent = writes(page);
  await page.goto(host.page(T, `companies/${initech.id}`));
  await page.getByRole('heading', { name: 'Initrode', level: 1 }).waitFor();
  // Another company's domain: refused beside the field, nothing saved.
  await page.getByLabel('Domain', { exact: true }).fill('acme.example');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const domain = page.getByLabel('Domain', { exact: true });
  await domain.and(page.locator('[aria-invalid="true"]')).waitFor();
  await page.getByText('already has the domain acme.example').waitFor();
  await screenshot(page, T, 'companies-domain-taken');

  await domain.fill('initrode.example');
  await page.getByLabel('City', { exact: true }).fill('Leeds');
  await page.getByLabel('Support phone').fill('+441134960000');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Initrode is saved.').waitFor();
  assert.deepEqual(sent[1].body, { support_phone: '+441134960000', address: { city: 'Leeds' } });

  await page.getByRole('button', { name: 'History' }).click();
  const drawer = page.getByRole('dialog', { name: 'History — Initrode' });
  await drawer.getByText(/London/).first().waitFor();
  assert.match(await drawer.textContent(), /City: London → Leeds/);
  assert.match(await drawer.textContent(), /Support phone: — → \+441134960000/);
  await screenshot(page, T, 'companies-history', { fullPage: false });
  assert.deepEqual(problems, []);
});

test('delete a company: the confirmation names what goes with it, then the step-up prompt', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t, { security: '  step_up_s: 1\n' });
  const browser = await launch(t);
  const T = 'southpole';
  const { owner, create, call } = await seedCatalog(host, T);
  const doomed = await create({ name: 'Doomed Co', domain: 'doomed.example' });
  await call('POST', `/companies/${doomed.id}/follow`);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, `companies/${doomed.id}`));
  await page.getByRole('heading', { name: 'Doomed Co', level: 1 }).waitFor();
  await sleep(1100);
  await page.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Doomed Co?' });
  assert.match(await confirm.textContent(), /memberships[\s\S]*1 follow\b/);
  await screenshot(page, T, 'companies-delete', { fullPage: false });
  await assertAccessible(page, 'the delete confirmation');
  await confirm.getByRole('button', { name: 'Delete company' }).click();
  const prompt = page.getByRole('dialog', { name: 'Confirm your password' });
  await prompt.getByLabel('Password').fill(owner.password);
  await prompt.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('Doomed Co is deleted.').waitFor();
  await page.waitForURL(/\/companies$/);
  assert.equal((await call('GET', '/companies?q=doomed')).items.length, 0);
  assert.deepEqual(problems, []);
});
