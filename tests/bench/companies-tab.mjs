// The Companies tab over a large catalog (a script that prints figures, not
// a test): COMPANIES companies (default 100,000) seeded into a tenant's
// SQLite file by seed-companies.sh, then in Debian's Chromium on loopback:
//   1. typing a search word → its rows drawn (the tab waits 150 ms after the
//      last keystroke before it asks; shown apart: from the request leaving);
//   2. opening the editor of a company with a 50-entry call tree from its
//      link in the catalog → the 50 entries drawn;
//   3. a UPLOAD_MB CSV (default 100 MB) through the import's file picker,
//      dry run then apply: the page's JS heap (CDP Performance.getMetrics)
//      and Chromium's resident memory (all its processes) sampled meanwhile,
//      and the page's responsiveness: the longest gap between animation
//      frames, long tasks, and how long the page takes to answer a call.
//   node tests/bench/companies-tab.mjs      (after scripts/test.sh built everything)
// Knobs: COMPANIES (100000), RUNS (10), UPLOAD_MB (100), BUILD_DIR (build).
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startHost, BUILD, ROOT } from '../e2e/support/host.mjs';

const COMPANIES = Number(process.env.COMPANIES ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 10);
const UPLOAD_MB = Number(process.env.UPLOAD_MB ?? 100);
const TENANT = 'southpole';
const DEBOUNCE_MS = 150;
const MiB = 1024 * 1024;

function stats(values, unit = 'ms') {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ${unit} (min ${sorted[0].toFixed(0)}, max ${sorted.at(-1).toFixed(0)})`;
}

/** A call tree of 50 entries: a root of 10 whose first four open menus of 10 each. */
function fiftyEntryTree() {
  const leaf = (digit, i) =>
    i % 3 === 0
      ? { digit, label: `Agent ${i}`, action: 'transfer', number: `+1415555${String(1000 + i)}` }
      : i % 3 === 1
        ? { digit, label: `Queue ${i}`, action: 'queue', queue: `queue-${i}` }
        : { digit, label: `Goodbye ${i}`, action: 'hangup' };
  const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
  const menus = {
    main: {
      prompt: 'Welcome',
      options: digits.map((d, i) => (i < 4 ? { digit: d, label: `Department ${d}`, action: 'submenu', menu: `dept${d}` } : leaf(d, i))),
    },
  };
  for (const d of digits.slice(0, 4))
    menus[`dept${d}`] = { prompt: `Department ${d}`, options: digits.map((digit, i) => leaf(digit, Number(d) * 10 + i)) };
  return { root: 'main', menus };
}

/** A CSV of about `mb` MiB of new companies, each row padded to ~1 KB by its description; written as a stream. */
async function uploadCsv(path, mb) {
  const out = createWriteStream(path);
  const padding = 'A catalog entry written for the upload benchmark '.repeat(19);
  out.write('name,domain,description,industry,city,country,size\r\n');
  for (let i = 0, bytes = 0; bytes < mb * MiB; i++) {
    const row = `Upload ${i},upload${i}.example,${padding}${i},Logistics,Hamburg,DE,51-200\r\n`;
    bytes += row.length;
    if (!out.write(row)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The resident memory of Chromium's processes (this script's descendants named chrom*), in MiB. */
function chromiumRss() {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const tree = new Set([String(process.pid)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of rows)
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
  }
  const chromium = rows.filter(([pid, , , name]) => tree.has(pid) && /^chrom/.test(name));
  return chromium.reduce((sum, [, , rss]) => sum + Number(rss), 0) / 1024;
}

// Seeded before the host starts, as a tenant restored from a backup would be.
const cleanups = [];
const host = await startHost({ after: (f) => cleanups.push(f) }, {
  prepare(config) {
    const tabctl = (...args) => execFileSync(join(BUILD, 'bin/tabctl'), [...args.slice(0, 2), '--config', config, ...args.slice(2)]);
    tabctl('tenant', 'init', '--tenant', TENANT);
    const db = join(config, '..', 'data', `${TENANT}.db`);
    const started = Date.now();
    execFileSync(join(ROOT, 'tests/bench/seed-companies.sh'), [db, String(COMPANIES)]);
    execFileSync('sqlite3', [db, 'ANALYZE;']);
    console.log(`seeded ${COMPANIES} companies in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
});
const work = mkdtempSync(join(tmpdir(), 'companies-tab-bench-'));
cleanups.unshift(() => rmSync(work, { recursive: true, force: true }));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const owner = await host.signedIn(TENANT, 'bench@southpole.test', 'owner', 'a long benchmark passphrase', 'Ben', 'Bench');
  const made = await host.api(TENANT, 'POST', '/companies', {
    body: { name: 'Switchboard Fifty', domain: 'switchboard-fifty.example', call_tree: fiftyEntryTree() },
    cookie: owner.cookie,
    csrf: owner.csrf,
  });
  if (made.status !== 201) throw new Error(`the 50-entry company: ${made.status} ${JSON.stringify(made.json)}`);

  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await host.useSession(context, TENANT, owner);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');

  // Found by a walk through the shadow roots on each animation frame
  // (cheaper than Playwright's locators, which would slow the page they
  // measure). Rows: ready when at least `least` show and every one matches
  // (the skeleton rows and the previous answer's rows do not).
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
    }, [pattern, least], { polling: 'raf', timeout: 60_000 });

  // 1. search
  const typed = [];
  const asked = [];
  const searchAnswers = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(host.page(TENANT, 'companies'), { waitUntil: 'commit' });
    await rows('\\.example', 20);
    const term = ['robot', 'lisbon', 'falcon', 'quantum', 'osaka'][i % 5];
    const before = await page.evaluate(() => performance.now());
    await page.getByLabel('Search companies').fill(term);
    await rows(term, 20);
    const after = await page.evaluate(() => performance.now());
    typed.push(after - before);
    const request = await page.evaluate((t) => {
      const entry = performance.getEntriesByType('resource').filter((e) => e.name.includes(`q=${t}`)).at(-1);
      return entry ? { start: entry.startTime, duration: entry.duration } : null;
    }, term);
    if (request !== null) {
      asked.push(after - request.start);
      searchAnswers.push(request.duration);
    }
  }

  // 2. the editor: from the click on the company's link to its 50 entries drawn
  const opened = [];
  const editorAnswers = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(host.page(TENANT, 'companies?q=switchboard'), { waitUntil: 'commit' });
    await rows('switchboard', 1);
    const start = await page.evaluate(() => {
      const find = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.tagName === 'A' && el.classList.contains('name')) return el;
          const inner = el.shadowRoot && find(el.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      const link = find(document);
      const at = performance.now();
      link.click();
      return at;
    });
    await page.waitForFunction(() => {
      let entries = 0;
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) walk(el.shadowRoot);
          if (el.classList.contains('ct-entry')) entries++;
        }
      };
      walk(document);
      return entries >= 50;
    }, null, { polling: 'raf', timeout: 60_000 });
    opened.push((await page.evaluate(() => performance.now())) - start);
    editorAnswers.push(
      await page.evaluate(
        () => performance.getEntriesByType('resource').filter((e) => /\/companies\/\d+$/.test(e.name)).at(-1).duration,
      ),
    );
  }

  // 3. the upload
  const csv = join(work, 'upload.csv');
  await uploadCsv(csv, UPLOAD_MB);
  const csvBytes = statSync(csv).size;
  await page.goto(host.page(TENANT, 'companies/import'));
  await page.getByRole('heading', { name: 'Import companies', level: 1 }).waitFor();
  const heap = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value / MiB;
  };
  const heapBefore = await heap();
  const rssBefore = chromiumRss();
  await page.evaluate(() => {
    const probe = (window.__probe = { longestFrameGap: 0, longTasks: 0, longestTask: 0, running: true });
    let last = performance.now();
    const frame = (now) => {
      probe.longestFrameGap = Math.max(probe.longestFrameGap, now - last);
      last = now;
      if (probe.running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        probe.longTasks++;
        probe.longestTask = Math.max(probe.longestTask, e.duration);
      }
    }).observe({ type: 'longtask' });
  });
  const heaps = [];
  const rsses = [];
  const answers = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      heaps.push(await heap());
      rsses.push(chromiumRss());
      const asked = performance.now();
      await page.evaluate(() => 0);
      answers.push(performance.now() - asked);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const phases = {};
  let started = performance.now();
  await page.getByLabel('CSV file').setInputFiles(csv);
  await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
  await page.getByText('The dry run found every row good. Nothing was changed.').waitFor({ timeout: 600_000 });
  phases.dry = performance.now() - started;
  started = performance.now();
  await page.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click();
  await page.getByRole('heading', { name: 'Result' }).waitFor({ timeout: 600_000 });
  phases.apply = performance.now() - started;
  const created = (await page.locator('section:has(h2:text-is("Result")) dd[data-count="Created"]').textContent()).trim();
  sampling = false;
  await sampler;
  const probe = await page.evaluate(() => ((window.__probe.running = false), window.__probe));
  await context.close();

  console.log(`\nChromium ${browser.version()} on loopback, ${COMPANIES} companies, ${RUNS} runs:`);
  console.log(`  typing a search word → its rows (with the ${DEBOUNCE_MS} ms wait)  ${stats(typed)}`);
  console.log(`  the search's request → its rows                      ${stats(asked)}  (target < 150 ms)`);
  console.log(`    of which the API's answer (request sent → last byte) ${stats(searchAnswers)}`);
  console.log(`  opening the editor, 50-entry call tree → drawn       ${stats(opened)}  (target < 200 ms)`);
  console.log(`    of which the API's answer (GET /companies/{id})     ${stats(editorAnswers)}`);
  console.log(`\nA ${(csvBytes / MiB).toFixed(0)} MiB CSV (${created} rows created) through the file picker:`);
  console.log(`  dry run ${(phases.dry / 1000).toFixed(1)} s, apply ${(phases.apply / 1000).toFixed(1)} s`);
  console.log(`  page JS heap: ${heapBefore.toFixed(1)} MiB before, ${stats(heaps, 'MiB')} during`);
  console.log(`  Chromium resident (all processes): ${rssBefore.toFixed(0)} MiB before, ${stats(rsses, 'MiB')} during`);
  console.log(`  longest gap between animation frames ${probe.longestFrameGap.toFixed(0)} ms; ` +
              `${probe.longTasks} long tasks (longest ${probe.longestTask.toFixed(0)} ms)`);
  console.log(`  the page answering a call: ${stats(answers)} over ${answers.length} samples`);
} finally {
  await browser.close();
  for (const f of cleanups.reverse()) await f();
}
