// Dashboard benchmark (a script that prints figures, not a test): the
// gzipped size of the shell and of each tab module, and in Debian's
// Chromium on loopback, with a cold cache each run, the time from
// navigation to the Overview being interactive and to a tab's first render.
//   node tests/bench/dashboard.mjs            (after scripts/test.sh built everything)
// Knobs: RUNS (default 10), BUILD_DIR (build), TABHOST_E2E_HELLO (the hello .so).
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import { startHost, BUILD, ROOT } from '../e2e/support/host.mjs';

const RUNS = Number(process.env.RUNS ?? 10);

function bundles() {
  const found = [['shell', join(BUILD, 'core/web/shell.js'), 60]];
  for (const plugin of readdirSync(join(BUILD, 'plugins'))) {
    const file = join(BUILD, 'plugins', plugin, 'ui/tab.js');
    if (existsSync(file)) found.push([`${plugin} tab`, file, 30]);
  }
  found.push(['hello tab (no bundler)', join(ROOT, 'sdk/examples/hello/ui/hello-tab.js'), 30]);
  found.push(['UI kit (beside each plugin)', join(ROOT, 'sdk/ui/tabhost-ui.js'), 30]);
  return found;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `median ${median.toFixed(0)} ms (min ${sorted[0].toFixed(0)}, max ${sorted.at(-1).toFixed(0)})`;
}

console.log('Sizes (gzip -9, as the host serves them):');
for (const [name, file, target] of bundles()) {
  const bytes = readFileSync(file);
  const kb = gzipSync(bytes, { level: 9 }).length / 1024;
  console.log(`  ${name.padEnd(30)} ${(bytes.length / 1024).toFixed(1).padStart(6)} KB raw  ${kb.toFixed(1).padStart(5)} KB gzip  (target ≤ ${target} KB: ${kb <= target ? 'met' : 'NOT met'})  ${relative(ROOT, file)}`);
}

const cleanups = [];
const host = await startHost({ after: (f) => cleanups.push(f) });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const tenant = 'northwind';
  const owner = await host.signedIn(tenant, 'bench@northwind.test', 'owner', 'a long benchmark passphrase', 'Ben', 'Bench');
  await host.api(tenant, 'POST', '/tokens', { body: { name: 'bench', scopes: ['tokens.read'] }, cookie: owner.cookie, csrf: owner.csrf });

  // Each run in a new context: nothing cached, a fresh module map.
  async function measure(path, ready) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await host.useSession(context, tenant, owner);
    const page = await context.newPage();
    await page.goto(host.page(tenant, path), { waitUntil: 'commit' });
    await ready(page);
    // Milliseconds since the navigation started, by the page's own clock.
    const elapsed = await page.evaluate(() => performance.now());
    await context.close();
    return elapsed;
  }
  const overview = [];
  const tab = [];
  for (let i = 0; i < RUNS; i++) {
    overview.push(await measure('', async (page) => {
      await page.getByRole('link', { name: /Active API tokens\s*1/ }).waitFor();
      await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'API keys' }).waitFor();
    }));
    tab.push(await measure('tokens', (page) => page.getByRole('row', { name: /bench/ }).waitFor()));
  }
  console.log(`\nChromium ${browser.version()} on loopback, cold cache, ${RUNS} runs each (target < 300 ms):`);
  console.log(`  navigation → Overview interactive (cards and nav drawn)   ${stats(overview)}`);
  console.log(`  navigation → Backend tab's first render (its token row)  ${stats(tab)}`);
} finally {
  await browser.close();
  for (const f of cleanups.reverse()) await f();
}
