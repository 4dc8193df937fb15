// The Users tab over a large tenant (a script that prints figures, not a
// test): USERS users (default 100,000) seeded into a tenant's SQLite file by
// seed-users.sh, then in Debian's Chromium on loopback with the HTTP cache
// cleared before each run: the time from opening the tab to its first rows,
// and from typing a search to the table showing its answer (the tab waits
// 100 ms after the last keystroke before it asks; shown apart).
//   node tests/bench/users-tab.mjs      (after scripts/test.sh built everything)
// Knobs: USERS (100000), RUNS (10), BUILD_DIR (build).
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startHost, BUILD, ROOT } from '../e2e/support/host.mjs';

const USERS = Number(process.env.USERS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 10);
const TENANT = 'southpole';
const DEBOUNCE_MS = 100;

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (min ${sorted[0].toFixed(0)}, max ${sorted.at(-1).toFixed(0)})`;
}

const module = readFileSync(join(BUILD, 'plugins/users/ui/tab.js'));
console.log(`Users tab module: ${(module.length / 1024).toFixed(1)} KB raw, ${(gzipSync(module, { level: 9 }).length / 1024).toFixed(1)} KB gzip (target ≤ 30 KB)`);

// Seeded before the host starts: it indexes the users' names for search at
// start-up, as it would a tenant restored from a backup.
const cleanups = [];
const host = await startHost({ after: (f) => cleanups.push(f) }, {
  prepare(config) {
    const tabctl = (...args) => execFileSync(join(BUILD, 'bin/tabctl'), [...args.slice(0, 2), '--config', config, ...args.slice(2)]);
    tabctl('tenant', 'init', '--tenant', TENANT);
    const db = join(config, '..', 'data', `${TENANT}.db`);
    const started = Date.now();
    execFileSync(join(ROOT, 'tests/bench/seed-users.sh'), [db, String(USERS)]);
    execFileSync('sqlite3', [db, 'ANALYZE;']);
    console.log(`seeded ${USERS} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const owner = await host.signedIn(TENANT, 'bench@southpole.test', 'owner', 'a long benchmark passphrase', 'Ben', 'Bench');

  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await host.useSession(context, TENANT, owner);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

  // Rows found by a walk through the shadow roots on each animation frame
  // (cheaper than Playwright's locators, which would slow the page they
  // measure).
  // Ready when at least `least` rows show and every shown row matches (the
  // skeleton rows and the previous answer's rows do not).
  const rows = (pattern, least) =>
    page.waitForFunction(([source, atLeast]) => {
      const wanted = new RegExp(source, 'i');
      const found = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) walk(el.shadowRoot);
          if (el.tagName === 'TR' && el.closest('tbody')) found.push(el.textContent);
        }
      };
      walk(document);
      return found.length >= atLeast && found.every((text) => wanted.test(text));
    }, [pattern, least], { polling: 'raf' });

  const open = [];
  const typed = [];
  const asked = [];
  for (let i = 0; i < RUNS; i++) {
    await cdp.send('Network.clearBrowserCache');
    await page.goto('about:blank');
    await page.goto(host.page(TENANT, 'users'), { waitUntil: 'commit' });
    // Newest first: the owner signed up today, the seeded users in 2025.
    await rows('@', 20);
    open.push(await page.evaluate(() => performance.now()));

    const term = ['nguyen', 'okafor', 'tanaka', 'moreau', 'silva'][i % 5];
    const before = await page.evaluate(() => performance.now());
    await page.getByLabel('Search users').fill(term);
    await rows(term, 20);
    const after = await page.evaluate(() => performance.now());
    typed.push(after - before);
    // From the request leaving (the debounce over) to the rows drawn.
    const request = await page.evaluate((t) => {
      const entries = performance.getEntriesByType('resource').filter((e) => e.name.includes(`q=${t}`));
      return entries.at(-1)?.startTime ?? null;
    }, term);
    if (request !== null) asked.push(after - request);
  }
  await context.close();
  console.log(`\nChromium ${browser.version()} on loopback, ${USERS} users, HTTP cache cleared, ${RUNS} runs:`);
  console.log(`  opening the tab → first rows                        ${stats(open)}  (target < 400 ms)`);
  console.log(`  typing a search → its rows (with the ${DEBOUNCE_MS} ms wait)   ${stats(typed)}`);
  console.log(`  the search's request → its rows                      ${stats(asked)}  (target < 150 ms)`);
} finally {
  await browser.close();
  for (const f of cleanups.reverse()) await f();
}
