// The Companies tab's review queue: pending companies oldest first,
// approved and rejected (a reason asked) one by one and as a selection, the
// stat cards following; and what someone without companies.review sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible, WIDTHS } from './support/browser.mjs';
import { seedCatalog } from '../fixtures/companies/seed.mjs';

const names = async (page) => (await page.locator('tbody a.name').allTextContents()).map((s) => s.trim());

test('the queue reads well for both tenants at both widths', { timeout: 120_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  for (const tenant of ['northwind', 'southpole']) {
    const { owner } = await seedCatalog(host, tenant);
    for (const width of Object.values(WIDTHS)) {
      const { context, page, problems } = await open(browser, width);
      await host.useSession(context, tenant, owner);
      await page.goto(host.page(tenant, 'companies'));
      await page.getByRole('link', { name: 'Review queue' }).click();
      await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
      await page.getByRole('row', { name: /Acme Robotics/ }).waitFor();
      await screenshot(page, tenant, 'companies-review');
      // Nothing wider than the screen: the rows are cards at 390 px.
      const wrap = page.locator('.th-table-wrap');
      assert.ok(await wrap.evaluate((w) => w.scrollWidth <= w.clientWidth), 'the table fits');
      await assertAccessible(page, `${tenant} review queue at ${width}`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('approve and reject one by one and as a selection; the counts move', { timeout: 120_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'northwind';
  const { owner, create, call } = await seedCatalog(host, T);
  const hooli = await create({ name: 'Hooli', domain: 'hooli.example' });
  const piper = await create({ name: 'Pied Piper', domain: 'piper.example' });
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, 'companies/review'));
  await page.getByRole('row', { name: /Pied Piper/ }).waitFor();
  assert.deepEqual(await names(page), ['Acme Robotics', 'Globex', '<script>alert(1)</script>', 'Hooli', 'Pied Piper']);
  const pending = page.locator('[data-card=companies_pending] .th-stat-value');
  assert.equal((await pending.textContent()).trim(), '5');

  await page.getByRole('button', { name: 'Approve Acme Robotics' }).click();
  await page.getByRole('row', { name: /Acme Robotics/ }).waitFor({ state: 'detached' });
  await page.locator('[data-card=companies_pending]').getByText('4', { exact: true }).waitFor();

  await page.getByRole('button', { name: 'Reject Globex' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reject Globex?' });
  await dialog.getByRole('button', { name: 'Reject company' }).click();
  await dialog.getByText('Give a reason.').waitFor();
  assert.equal(await dialog.getByLabel('Reason').getAttribute('aria-invalid'), 'true');
  await screenshot(page, T, 'companies-reject', { fullPage: false });
  await assertAccessible(page, 'the reject dialog');
  await dialog.getByLabel('Reason').fill('Duplicate of Globex Corp');
  await dialog.getByRole('button', { name: 'Reject company' }).click();
  await page.getByRole('row', { name: /Globex/ }).waitFor({ state: 'detached' });
  await page.locator('[data-card=companies_pending]').getByText('3', { exact: true }).waitFor();

  // A selection: approved together.
  await page.getByRole('checkbox', { name: 'Select <script>alert(1)</script>' }).check();
  await page.getByRole('checkbox', { name: 'Select Hooli' }).check();
  await page.getByText('2 selected').waitFor();
  await page.getByRole('button', { name: 'Approve selected' }).click();
  await page.getByRole('row', { name: /Hooli/ }).waitFor({ state: 'detached' });
  assert.deepEqual(await names(page), ['Pied Piper']);
  await page.locator('[data-card=companies_pending]').getByText('1', { exact: true }).waitFor();

  // Select all, then reject with one reason.
  await page.getByRole('checkbox', { name: 'Select all shown' }).check();
  await page.getByRole('button', { name: 'Reject selected' }).click();
  const last = page.getByRole('dialog', { name: 'Reject Pied Piper?' });
  await last.getByLabel('Reason').fill('Test data');
  await last.getByRole('button', { name: 'Reject company' }).click();
  await page.getByText('No company awaits review.').waitFor();
  await page.locator('[data-card=companies_pending]').getByText('0', { exact: true }).waitFor();

  const status = async (id) => (await call('GET', `/companies/${id}`)).company;
  const byName = Object.fromEntries((await call('GET', '/companies?limit=50')).items.map((c) => [c.name, c]));
  assert.equal(byName['Acme Robotics'].status, 'verified');
  assert.equal(byName.Globex.status, 'rejected');
  assert.equal(byName.Globex.review_reason, 'Duplicate of Globex Corp');
  assert.equal((await status(hooli.id)).status, 'verified');
  assert.equal(byName['<script>alert(1)</script>'].status, 'verified');
  assert.equal((await status(piper.id)).review_reason, 'Test data');
  assert.deepEqual(problems, []);
});

test('an agent sees the catalog without the queue, the import or the add button', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'southpole';
  await seedCatalog(host, T);
  const agent = await host.signedIn(T, 'agent@southpole.test', 'agent', 'a long agent passphrase', 'Alan', 'Agent');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, agent);
  await page.goto(host.page(T, 'companies'));
  await page.getByRole('row', { name: /Globex/ }).waitFor();
  for (const name of ['Review queue', 'Import CSV', 'Export all', 'Add company'])
    assert.equal(await page.getByRole('link', { name }).count(), 0, name);
  await page.goto(host.page(T, 'companies/review'));
  await page.getByText('You do not have permission to review companies.').waitFor();
  // The editor is read-only: no save, no delete.
  await page.goto(host.page(T, 'companies'));
  await page.getByRole('link', { name: 'Globex', exact: true }).click();
  await page.getByRole('heading', { name: 'Globex', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('Name', { exact: true }).isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Save changes' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Delete' }).count(), 0);
  await screenshot(page, T, 'companies-agent-view');
  assert.deepEqual(problems, []);
});
