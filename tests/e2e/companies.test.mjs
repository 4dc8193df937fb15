// The Companies tab's catalog (companies plugin), as an admin uses it:
// search and each filter kept in the URL, sorts, cursor pages, the stat
// cards, late answers that never overwrite newer ones, untrusted names shown
// as text, and the stacked cards at 390 px, for two tenants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible, WIDTHS } from './support/browser.mjs';
import { seedCatalog } from '../fixtures/companies/seed.mjs';

test('search, filters and sorts live in the URL; the catalog reads well for both tenants', { timeout: 180_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  for (const tenant of ['northwind', 'southpole']) {
    const { owner } = await seedCatalog(host, tenant);
    for (const width of Object.values(WIDTHS)) {
      const { context, page, problems } = await open(browser, width);
      await host.useSession(context, tenant, owner);
      await page.goto(host.page(tenant, 'companies'));
      const rows = page.locator('tbody tr');
      await page.getByRole('row', { name: /Globex/ }).waitFor();
      // The plugin's stat cards.
      const cards = page.getByRole('list', { name: 'Company counts' });
      await cards.getByText('Verified call trees').waitFor();
      assert.match(await cards.locator('[data-card=companies_total]').textContent(), /\b5\b/);
      assert.match(await cards.locator('[data-card=companies_pending]').textContent(), /\b3\b/);
      assert.match(await cards.locator('[data-card=call_trees_verified]').textContent(), /\b1\b/);
      await screenshot(page, tenant, 'companies-catalog');
      await assertAccessible(page, `${tenant} companies catalog at ${width}`);

      if (width === WIDTHS.narrow) {
        // Stacked: each cell carries its column's name.
        const cell = page.getByRole('row', { name: /Globex/ }).locator('td[data-label=Status]');
        assert.equal(await cell.evaluate((td) => getComputedStyle(td).display), 'flex');
        assert.equal(await page.locator('thead').evaluate((h) => getComputedStyle(h).display), 'none');
        assert.ok(await page.locator('.th-table-wrap').evaluate((w) => w.scrollWidth <= w.clientWidth), 'the cards fit');
        assert.deepEqual(problems, []);
        await context.close();
        continue;
      }

      await page.getByLabel('Search companies').fill('glob');
      await page.waitForURL(/q=glob/);
      await page.getByRole('row', { name: /Acme Robotics/ }).waitFor({ state: 'detached' });
      assert.equal(await rows.count(), 1);
      // With a search, the default sort is relevance.
      assert.equal(await page.getByLabel('Sort by').locator('option:checked').textContent(), 'Best match');
      await page.reload();
      await page.getByRole('row', { name: /Globex/ }).waitFor();
      assert.equal(await page.getByLabel('Search companies').inputValue(), 'glob');
      assert.equal(await rows.count(), 1);

      const only = async (query, names) => {
        await page.goto(host.page(tenant, `companies?${query}`));
        await page.getByRole('link', { name: names[0], exact: true }).waitFor();
        await page.locator('tbody.stale').waitFor({ state: 'detached' });
        const shown = (await page.locator('tbody a.name').allTextContents()).map((s) => s.trim());
        assert.deepEqual(shown.sort(), [...names].sort(), query);
      };
      await only('status=verified', ['Initech']);
      await only('status=rejected', ['Umbrella']);
      await only('country=DE', ['Acme Robotics']);
      await only('industry=Energy', ['Globex']);
      await only('call_tree_verified=true', ['Initech']);
      await only('call_tree_verified=false', ['Acme Robotics', 'Globex', 'Umbrella', '<script>alert(1)</script>']);
      await only('sort=name&status=pending', ['<script>alert(1)</script>', 'Acme Robotics', 'Globex']);
      assert.deepEqual((await page.locator('tbody a.name').allTextContents()).map((s) => s.trim()),
        ['<script>alert(1)</script>', 'Acme Robotics', 'Globex']);

      // The controls set the URL the same way.
      await page.goto(host.page(tenant, 'companies'));
      await page.getByRole('row', { name: /Globex/ }).waitFor();
      await page.getByLabel('Status').selectOption('verified');
      await page.waitForURL(/status=verified/);
      await page.getByLabel('Country').selectOption('US');
      await page.waitForURL(/country=US/);
      await page.getByText('No companies match these filters.').waitFor();
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.waitForURL((url) => url.search === '');
      await page.getByLabel('Industry').selectOption('Energy');
      await page.waitForURL(/industry=Energy/);
      await page.getByRole('row', { name: /Globex/ }).waitFor();
      await page.getByLabel('Sort by').selectOption('oldest');
      await page.waitForURL(/industry=Energy&sort=oldest/);
      await page.getByLabel('Call tree').selectOption('true');
      await page.waitForURL(/call_tree_verified=true/);
      await page.getByText('No companies match these filters.').waitFor();
      await screenshot(page, tenant, 'companies-catalog-empty');
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('cursor pages: Load more adds the next page, in order', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'northwind';
  const { owner, create } = await seedCatalog(host, T);
  for (let i = 0; i < 55; i++) await create({ name: `Paged ${String(i).padStart(2, '0')}`, domain: `paged${i}.example` });
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, 'companies?sort=name'));
  await page.getByRole('row', { name: /Acme Robotics/ }).waitFor();
  assert.equal(await page.locator('tbody tr').count(), 50);
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.getByRole('row', { name: /Umbrella/ }).waitFor();
  assert.equal(await page.locator('tbody tr').count(), 60);
  const names = (await page.locator('tbody a.name').allTextContents()).map((s) => s.trim());
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
  assert.deepEqual(problems, []);
});

test('a late answer never overwrites a newer search', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'northwind';
  const { owner } = await seedCatalog(host, T);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  // The answer for "acme" is held back until after the one for "globex".
  await page.route(/\/api\/v1\/companies\?.*q=acme/, async (route) => {
    await sleep(1500);
    await route.continue().catch(() => {});
  });
  await page.goto(host.page(T, 'companies'));
  await page.getByRole('row', { name: /Globex/ }).waitFor();
  const search = page.getByLabel('Search companies');
  await search.fill('acme');
  await page.waitForRequest(/q=acme/);
  await search.fill('globex');
  await page.waitForURL(/q=globex/);
  await page.getByRole('row', { name: /Acme Robotics/ }).waitFor({ state: 'detached' });
  await sleep(2000);
  const shown = (await page.locator('tbody a.name').allTextContents()).map((s) => s.trim());
  assert.deepEqual(shown, ['Globex']);
  assert.equal(await search.inputValue(), 'globex');
  assert.deepEqual(problems, []);
});

test('names are text: markup in a company name is shown, never run', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'southpole';
  const { owner, create } = await seedCatalog(host, T);
  await create({ name: '<img src=x onerror=alert(1)>', domain: 'img.example' });
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(host.page(T, 'companies?sort=name'));
  await page.getByRole('link', { name: '<img src=x onerror=alert(1)>', exact: true }).waitFor();
  await page.getByRole('link', { name: '<script>alert(1)</script>', exact: true }).waitFor();
  assert.equal(await page.locator('tabhost-companies').evaluate((el) => el.shadowRoot.querySelectorAll('tbody img, tbody script').length), 0);
  await screenshot(page, T, 'companies-names-as-text');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
});
