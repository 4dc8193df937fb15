// The Companies tab's members page: users added through the searchable
// picker (pointer and keyboard) with a team and role, a role changed, a
// member removed, each change in the company's history; and the page at
// both widths for two tenants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible, WIDTHS } from './support/browser.mjs';
import { seedCatalog } from '../fixtures/companies/seed.mjs';

test('add a member with the picker, change a role, remove one; the history has each', { timeout: 120_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'northwind';
  const { owner, call, create } = await seedCatalog(host, T);
  const globex = await create({ name: 'Globex Corp', domain: 'globexcorp.example' });
  const alan = host.createUser(T, 'alan@northwind.test', 'agent', 'Alan', 'Agent');
  host.createUser(T, 'sam@northwind.test', 'supervisor', 'Sam', 'Super');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, `companies/${globex.id}`));
  await page.getByRole('heading', { name: 'Globex Corp', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('heading', { name: 'Members of Globex Corp', level: 1 }).waitFor();
  await page.getByText('No members yet.').waitFor();

  // Nobody chosen: said beside the picker.
  await page.getByRole('button', { name: 'Add member' }).click();
  await page.getByText('Choose a user from the list.').waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'User' }).getAttribute('aria-invalid'), 'true');

  // With the pointer.
  const picker = page.getByRole('combobox', { name: 'User' });
  await picker.fill('ala');
  // The matches for "ala" only (the focus listed everyone first).
  await page.getByRole('option', { name: /Sam Super/ }).waitFor({ state: 'detached' });
  await page.getByRole('option', { name: /Alan Agent/ }).waitFor();
  await screenshot(page, T, 'companies-member-picker', { fullPage: false });
  await assertAccessible(page, 'the user picker open');
  await page.getByRole('option', { name: /Alan Agent/ }).click();
  await page.getByLabel('Team').fill('Support');
  await page.getByLabel('Role', { exact: true }).selectOption('manager');
  await page.getByRole('button', { name: 'Add member' }).click();
  const alanRow = page.getByRole('row', { name: /Alan Agent/ });
  await alanRow.waitFor();
  assert.match(await alanRow.textContent(), /Support/);
  assert.equal(await alanRow.getByRole('combobox', { name: 'Role of Alan Agent' }).inputValue(), 'manager');

  // With the keyboard.
  await picker.fill('sam');
  await page.getByRole('option', { name: /Alan Agent/ }).waitFor({ state: 'detached' });
  await page.getByRole('option', { name: /Sam Super/ }).waitFor();
  await picker.press('ArrowDown');
  await picker.press('Enter');
  assert.match(await picker.inputValue(), /Sam Super/);
  await page.getByRole('button', { name: 'Add member' }).click();
  await page.getByRole('row', { name: /Sam Super/ }).waitFor();

  await alanRow.getByRole('combobox', { name: 'Role of Alan Agent' }).selectOption('member');
  await page.getByText('Alan Agent is now a member.').waitFor();
  const members = await call('GET', `/companies/${globex.id}/members`);
  assert.deepEqual(members.items.map((m) => [m.name, m.team, m.role]).sort(), [['Alan Agent', 'Support', 'member'], ['Sam Super', '', 'member']]);
  // The users plugin sees the membership too.
  assert.deepEqual((await call('GET', `/users?company=${globex.id}`)).items.map((u) => u.id).sort(), members.items.map((m) => m.user_id).sort());
  assert.ok(members.items.some((m) => m.user_id === alan.id));

  await page.getByRole('button', { name: 'Remove Sam Super' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove Sam Super?' });
  await confirm.getByRole('button', { name: 'Remove member' }).click();
  await page.getByRole('row', { name: /Sam Super/ }).waitFor({ state: 'detached' });
  await screenshot(page, T, 'companies-members');
  await assertAccessible(page, 'the members page');

  await page.getByRole('button', { name: 'History' }).click();
  const drawer = page.getByRole('dialog', { name: 'History — Globex Corp' });
  await drawer.getByText('Removed a member from a company').waitFor();
  const history = await drawer.textContent();
  assert.equal(history.match(/Added a member to a company/g)?.length, 2, history);
  assert.match(history, /Changed a member's team or role[\s\S]*Role: manager → member/);
  assert.deepEqual(problems, []);
});

test('the members page at both widths, for both tenants', { timeout: 120_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  for (const tenant of ['northwind', 'southpole']) {
    const { owner, call, create } = await seedCatalog(host, tenant);
    const company = await create({ name: 'Members Inc', domain: 'members.example' });
    const user = host.createUser(tenant, `mia@${tenant}.test`, 'agent', 'Mia', 'Member');
    await call('POST', `/companies/${company.id}/members`, { user_id: user.id, team: 'Night shift', role: 'manager' });
    for (const width of Object.values(WIDTHS)) {
      const { context, page, problems } = await open(browser, width);
      await host.useSession(context, tenant, owner);
      await page.goto(host.page(tenant, `companies/${company.id}/members`));
      await page.getByRole('row', { name: /Mia Member/ }).waitFor();
      await screenshot(page, tenant, 'companies-members');
      await assertAccessible(page, `${tenant} members at ${width}`);
      assert.ok(await page.locator('.th-table-wrap').evaluate((w) => w.scrollWidth <= w.clientWidth), 'the table fits');
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});
