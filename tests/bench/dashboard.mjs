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

  // Two kinds of cold start. "Cleared cache": one tab whose HTTP cache (and
  // with it V8's code cache) is emptied and turned off before each run, as a
  // browser meets the dashboard for the first time. "New context": a fresh
  // browser context each run, which also starts a new renderer process
  // (tens of ms on these 2 cores) before the page can run anything.
  // Ready when the text a person waits for is on the page: found by a walk
  // through the shadow roots on each animation frame. (Playwright's role
  // locators poll with layout and accessibility work of their own, which on
  // these 2 cores delayed the page they were measuring by tens of ms.)
  async function ready(page, path) {
    const wanted = path === '' ? ['Active API tokens', 'API keys'] : ['bench'];
    await page.waitForFunction((texts) => {
      const seen = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) walk(el.shadowRoot);
          if (!el.children.length && el.textContent) seen.push(el.textContent);
        }
      };
      walk(document);
      const text = seen.join('\n');
      return texts.every((t) => text.includes(t)) && !/Loading/.test(text);
    }, wanted, { polling: 'raf' });
  }
  // Milliseconds since the navigation started, by the page's own clock.
  const elapsed = (page) => page.evaluate(() => performance.now());

  async function clearedCache(path) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await host.useSession(context, tenant, owner);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(host.page(tenant, 'sign-in'));
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      await cdp.send('Network.clearBrowserCache');
      await page.goto('about:blank');
      await page.goto(host.page(tenant, path), { waitUntil: 'commit' });
      await ready(page, path);
      times.push(await elapsed(page));
    }
    await context.close();
    return times;
  }

  async function newContexts(path) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      await host.useSession(context, tenant, owner);
      const page = await context.newPage();
      await page.goto(host.page(tenant, path), { waitUntil: 'commit' });
      await ready(page, path);
      times.push(await elapsed(page));
      await context.close();
    }
    return times;
  }

  console.log(`\nChromium ${browser.version()} on loopback, ${RUNS} runs each (target < 300 ms, cold cache):`);
  for (const [what, path] of [['Overview interactive (cards and nav drawn)', ''], ["Backend tab's first render (its token row)", 'tokens']]) {
    console.log(`  navigation → ${what}`);
    console.log(`    cleared cache            ${stats(await clearedCache(path))}`);
    console.log(`    new context each run     ${stats(await newContexts(path))}`);
  }
} finally {
  await browser.close();
  for (const f of cleanups.reverse()) await f();
}
