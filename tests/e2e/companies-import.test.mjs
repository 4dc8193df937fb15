// The Companies tab's CSV import: a 10,000-row file with 3 bad rows through
// the file picker (dry run report with the 3 lines, downloaded; applied with
// on_conflict=skip, the progress bar at 100%, the counts right; the result
// still there after a reload; a re-import all unchanged), export then
// re-import, a file over the tenant's limit refused before upload, unknown
// columns flagged before sending, a malformed file's line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, TENANTS } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible, WIDTHS } from './support/browser.mjs';
import { seedCatalog } from '../fixtures/companies/seed.mjs';

const dir = mkdtempSync(join(tmpdir(), 'companies-import-'));

/** A CSV of `rows` companies; `bad` maps a row's index to a cell that breaks it. Line n+2 is row n. */
function catalogCsv(name, rows, bad = {}) {
  const lines = ['name,domain,industry,city,country,size'];
  for (let i = 0; i < rows; i++) {
    const row = { name: `Bulk ${i}`, domain: `bulk${i}.example`, industry: `Trade ${i % 20}`, city: 'Hamburg', country: 'DE', size: '51-200' };
    Object.assign(row, bad[i]);
    lines.push(Object.values(row).join(','));
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

const BAD = { 99: { domain: 'not a domain' }, 5000: { country: 'Germany' }, 9001: { size: 'lots' } };
const BAD_LINES = ['101', '5002', '9003'];

const count = (page, section, label) => page.locator(`section:has(h2:text-is("${section}")) dd[data-count="${label}"]`);

async function refusedLines(page, section) {
  const cells = page.locator(`section:has(h2:text-is("${section}")) td[data-label=Line]`);
  return (await cells.allTextContents()).map((s) => s.trim().replace(/,/g, ''));
}

async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return readFileSync(await file.path(), 'utf8');
}

test('10,000 rows with 3 bad ones: dry run, report, apply with skip, progress to 100%, reload, re-import unchanged', { timeout: 180_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'northwind';
  const { owner, call } = await seedCatalog(host, T);
  const file = catalogCsv('bulk.csv', 10_000, BAD);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  const posts = [];
  page.on('request', (r) => r.method() === 'POST' && r.url().includes('/companies/import') && posts.push(new URL(r.url()).searchParams));

  await page.goto(host.page(T, 'companies'));
  await page.getByRole('link', { name: 'Import CSV' }).click();
  await page.getByRole('heading', { name: 'Import companies', level: 1 }).waitFor();
  await page.getByLabel('CSV file').setInputFiles(file);
  // The preview: the first lines, every column known.
  await page.getByRole('cell', { name: 'bulk0.example' }).waitFor();
  assert.equal(await page.locator('.preview .th-badge-danger').count(), 0);

  await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
  await page.getByText('The dry run refused 3 of 10,000 rows. Nothing was changed.').waitFor();
  assert.deepEqual(await refusedLines(page, '3. Check, then import'), BAD_LINES);
  assert.equal((await count(page, '3. Check, then import', 'Would be created').textContent()).trim(), '9,997');
  assert.equal(posts.at(-1).get('mode'), 'dry_run');
  assert.equal((await call('GET', '/companies?q=bulk')).items.length, 0, 'a dry run changes nothing');
  const report = await download(page, page.getByRole('link', { name: 'Download the report (CSV)' }));
  const reportLines = report.trim().split(/\r?\n/);
  assert.equal(reportLines[0], 'line,column,field,message');
  assert.deepEqual(reportLines.slice(1).map((l) => l.split(',')[0]), BAD_LINES);
  await screenshot(page, T, 'companies-import-dry-run');
  await assertAccessible(page, 'the dry run report');

  // Applied, leaving the 3 bad rows out; the bar ends full.
  await page.getByRole('radio', { name: 'Skip them' }).check();
  await page.getByRole('button', { name: 'Import the 9,997 good rows' }).click();
  await page.getByRole('heading', { name: 'Result' }).waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('progress#import-progress').evaluate((p) => p.value), 100);
  await page.getByText('Importing: 100%').waitFor();
  assert.equal(posts.at(-1).get('mode'), 'apply');
  assert.equal(posts.at(-1).get('on_conflict'), 'skip');
  assert.equal(posts.at(-1).get('all_or_nothing'), 'false');
  assert.equal((await count(page, 'Result', 'Created').textContent()).trim(), '9,997');
  assert.equal((await count(page, 'Result', 'Refused').textContent()).trim(), '3');
  assert.deepEqual(await refusedLines(page, 'Result'), BAD_LINES);
  await screenshot(page, T, 'companies-import-result');
  const batch = new URL(page.url()).searchParams.get('batch');
  assert.equal(batch, posts.at(-1).get('batch_id'));

  // The batch is in the URL: a reload shows the same import.
  await page.reload();
  await page.getByRole('heading', { name: 'Result' }).waitFor();
  assert.equal((await count(page, 'Result', 'Created').textContent()).trim(), '9,997');
  const stats = await call('GET', '/dashboard');
  assert.equal(stats.cards.find((c) => c.id === 'companies_total').value, 5 + 9_997);

  // The same file again, updating: every good row is unchanged.
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('radio', { name: 'Update them' }).check();
  await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
  await page.getByText('The dry run refused 3 of 10,000 rows. Nothing was changed.').waitFor();
  assert.equal((await count(page, '3. Check, then import', 'Unchanged').textContent()).trim(), '9,997');
  await page.getByRole('button', { name: 'Import the 9,997 good rows' }).click();
  await page.getByRole('heading', { name: 'Result' }).waitFor({ timeout: 60_000 });
  assert.equal((await count(page, 'Result', 'Unchanged').textContent()).trim(), '9,997');
  assert.equal((await count(page, 'Result', 'Created').textContent()).trim(), '0');
  assert.equal((await count(page, 'Result', 'Updated').textContent()).trim(), '0');
  assert.deepEqual(problems, []);
});

test('export, then import the export: everything unchanged', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const T = 'southpole';
  const { owner } = await seedCatalog(host, T);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, 'companies'));
  await page.getByRole('row', { name: /Globex/ }).waitFor();
  const csv = await download(page, page.getByRole('link', { name: 'Export all' }));
  assert.match(csv.split('\r\n')[0], /^name,domain,status,/);
  const path = join(dir, 'export.csv');
  writeFileSync(path, csv);

  await page.goto(host.page(T, 'companies/import'));
  await page.getByLabel('CSV file').setInputFiles(path);
  await page.getByRole('cell', { name: 'initech.example' }).waitFor();
  await page.getByRole('radio', { name: 'Update them' }).check();
  await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
  await page.getByText('The dry run found every row good. Nothing was changed.').waitFor();
  await page.getByRole('button', { name: 'Import 5 rows' }).click();
  await page.getByRole('heading', { name: 'Result' }).waitFor();
  assert.equal((await count(page, 'Result', 'Unchanged').textContent()).trim(), '5');
  assert.equal((await count(page, 'Result', 'Updated').textContent()).trim(), '0');
  assert.deepEqual(problems, []);
});

/** An exported CSV's name, domain and status columns (the seed's hold no comma or quote), by row. */
function exportedRows(csv) {
  const [header, ...rows] = csv.split('\r\n').filter(Boolean);
  assert.match(header, /^name,domain,status,/);
  return rows.map((line) => line.split(',').slice(0, 3));
}

test('the export takes the filters in the URL: only the matching companies', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  await seedCatalog(host, 'northwind'); // another tenant's companies are never exported
  const { owner } = await seedCatalog(host, 'southpole');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, 'southpole', owner);

  await page.goto(host.page('southpole', 'companies?status=pending&country=DE'));
  await page.getByRole('row', { name: /Acme Robotics/ }).waitFor();
  let rows = exportedRows(await download(page, page.getByRole('link', { name: 'Export this company' })));
  assert.deepEqual(rows, [['Acme Robotics', 'acme.example', 'pending']]);

  await page.goto(host.page('southpole', 'companies?status=pending'));
  await page.getByRole('row', { name: /Globex/ }).waitFor();
  rows = exportedRows(await download(page, page.getByRole('link', { name: 'Export these 3 companies' })));
  assert.deepEqual(rows.map(([, domain]) => domain), ['acme.example', 'globex.example', 'script.example']);
  assert.ok(rows.every(([, , status]) => status === 'pending'));

  // A search typed in the box moves into the URL and the export with it.
  await page.getByRole('searchbox', { name: 'Search companies' }).fill('glob');
  await page.waitForURL(/q=glob/);
  rows = exportedRows(await download(page, page.getByRole('link', { name: 'Export this company' })));
  assert.deepEqual(rows, [['Globex', 'globex.example', 'pending']]);

  // Nothing matches: nothing to export.
  await page.goto(host.page('southpole', 'companies?status=rejected&country=DE'));
  await page.getByText('No companies match these filters.').waitFor();
  assert.equal(await page.getByRole('link', { name: /^Export/ }).count(), 0);

  await page.goto(host.page('southpole', 'companies?q=initech&call_tree_verified=true'));
  await page.getByRole('row', { name: /Initech/ }).waitFor();
  rows = exportedRows(await download(page, page.getByRole('link', { name: 'Export this company' })));
  assert.deepEqual(rows, [['Initech', 'initech.example', 'verified']]);

  await page.goto(host.page('southpole', 'companies'));
  await page.getByRole('row', { name: /Globex/ }).waitFor();
  rows = exportedRows(await download(page, page.getByRole('link', { name: 'Export all' })));
  assert.equal(rows.length, 5);
  assert.deepEqual(problems, []);
});

test('refused before sending: a file over the limit, unknown columns; a malformed file\'s line and column', { timeout: 90_000 }, async (t) => {
  // southpole takes files up to 2 KiB.
  const tenants = { ...TENANTS, southpole: TENANTS.southpole.replace('plugins:\n', 'plugins:\n  companies: {settings: {import_max_bytes: 2048}}\n') };
  const host = await startHost(t, { tenants });
  const browser = await launch(t);
  const T = 'southpole';
  const { owner } = await seedCatalog(host, T);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  const posts = [];
  page.on('request', (r) => r.method() === 'POST' && r.url().includes('/companies/import') && posts.push(r.url()));
  await page.goto(host.page(T, 'companies/import'));
  await page.getByRole('heading', { name: 'Import companies', level: 1 }).waitFor();
  await page.getByText('up to 2 KB').waitFor();

  await page.getByLabel('CSV file').setInputFiles(catalogCsv('big.csv', 100));
  await page.getByText(/^big\.csv is [\d.]+ KB; this tenant imports files up to 2 KB\.$/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Check the file (dry run)' }).isDisabled(), true);
  await screenshot(page, T, 'companies-import-too-large');

  writeFileSync(join(dir, 'colour.csv'), 'name,domain,colour\r\nAcme,acme2.example,red\r\n');
  await page.getByLabel('CSV file').setInputFiles(join(dir, 'colour.csv'));
  await page.getByText('Column 3, “colour”, is not one the import takes.').waitFor();
  assert.equal(await page.locator('.preview th:has-text("colour") .th-badge-danger').count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Check the file (dry run)' }).isDisabled(), true);
  assert.deepEqual(posts, [], 'nothing was sent');

  writeFileSync(join(dir, 'quote.csv'), 'name,domain\r\nGood,good.example\r\n"Open quote,open.example\r\n');
  await page.getByLabel('CSV file').setInputFiles(join(dir, 'quote.csv'));
  await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
  await page.getByText(/The dry run refused/).waitFor();
  const row = page.locator('td[data-label=Problem]').first();
  assert.match(await row.textContent(), /quote/i);
  assert.equal((await page.locator('td[data-label=Line]').first().textContent()).trim(), '3');
  await screenshot(page, T, 'companies-import-malformed');
  assert.deepEqual(problems, []);
});

test('the import page at both widths, for both tenants', { timeout: 120_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const file = catalogCsv('small.csv', 30, { 3: { domain: 'bad domain' }, 12: { size: '-1' } });
  for (const tenant of ['northwind', 'southpole']) {
    const { owner } = await seedCatalog(host, tenant);
    for (const width of Object.values(WIDTHS)) {
      const { context, page, problems } = await open(browser, width);
      await host.useSession(context, tenant, owner);
      await page.goto(host.page(tenant, 'companies/import'));
      await page.getByLabel('CSV file').setInputFiles(file);
      await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
      await page.getByText('The dry run refused 2 of 30 rows. Nothing was changed.').waitFor();
      await screenshot(page, tenant, 'companies-import');
      await assertAccessible(page, `${tenant} import at ${width}`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});
