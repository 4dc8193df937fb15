// Debian's Chromium driven by playwright-core (never a downloaded browser),
// pages that record every console problem, screenshots and axe-core checks.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { BUILD } from './host.mjs';

export const SCREENSHOTS = join(BUILD, 'screenshots');
export const WIDTHS = { wide: 1280, narrow: 390 };

/** Launches Chromium; closed by `t.after` even when the test fails. */
export async function launch(t) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    // This machine's network is closed: no background calls to Google.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
           '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  t.after(() => browser.close());
  return browser;
}

/**
 * A fresh context (own cookies) and page at `width`; `problems` collects
 * console errors and warnings and uncaught errors, which a test asserts empty.
 */
export async function open(browser, width = WIDTHS.wide) {
  const context = await browser.newContext({ viewport: { width, height: 860 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    // Chromium logs every 4xx answer; an API refusal the page shows the user
    // (a wrong password, a step-up request) is behaviour, not a problem.
    if (/status of 4\d\d/.test(m.text()) && m.location().url.includes('/api/v1/')) return;
    problems.push(`console ${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { context, page, problems };
}

/**
 * Saves build/screenshots/<tenant>-<name>-<width>.png: the whole page, or
 * what the window shows (`{fullPage: false}`) for a dialog or an open menu,
 * which sit over the window, not the page. A page open at the wide width is
 * also captured narrow, in the same state, then put back: every state a test
 * shows is seen at both widths.
 */
export async function screenshot(page, tenant, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize();
  const widths = size.width === WIDTHS.wide ? [WIDTHS.wide, WIDTHS.narrow] : [size.width];
  for (const width of widths) {
    if (width !== size.width) {
      await page.setViewportSize({ width, height: size.height });
      // Two frames: the layout for the new width is drawn before the capture.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    }
    // A page scrolled to a field is captured from its top, as a person opening it sees it.
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, `${tenant}-${name}-${width}.png`), fullPage });
  }
  if (widths.length > 1) await page.setViewportSize(size);
}

/** Fails on any serious or critical axe-core violation of the page as it is. */
export async function assertAccessible(page, what) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
    [],
    `accessibility of ${what}`,
  );
}
