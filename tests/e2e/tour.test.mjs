// Every page of the dashboard, for two differently branded tenants at a
// full browser's width and a 390 px side panel's: what each tenant's nav
// shows, the Overview's cards, no console problem, no serious or critical
// axe-core violation, and a screenshot of each (build/screenshots/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible, WIDTHS } from './support/browser.mjs';

// What each tenant's file makes of the tabs (tests/e2e/support/host.mjs):
// northwind orders and renames some and turns billing off; southpole has
// the defaults without hello.
const EXPECTED = {
  northwind: { product: 'Northwind Admin', first: ['API keys', 'Greetings', 'Users', 'Companies', 'Voice'], absent: ['Billing', 'Backend'] },
  southpole: { product: 'Southpole Console', first: [], absent: ['Greetings', 'Hello'] },
};

// A page is ready when its heading is there and nothing is loading.
async function visit(page, url, heading) {
  await page.goto(url);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await page.locator('.th-skeleton').first().waitFor({ state: 'detached' }).catch(() => {});
}

test('every page, for both tenants, at 1280 and 390 px', { timeout: 240_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  for (const [tenant, expected] of Object.entries(EXPECTED)) {
    const owner = await host.signedIn(tenant, `owner@${tenant}.test`, 'owner', 'a long tour passphrase', 'Olivia', 'Owner');
    // Something for the Overview and the Backend tab to show.
    await host.api(tenant, 'POST', '/tokens', {
      body: { name: 'Nightly export', scopes: ['tokens.read'], expires_in_days: 30 },
      cookie: owner.cookie,
      csrf: owner.csrf,
    });
    const tabs = (await host.api(tenant, 'GET', '/tabs', { cookie: owner.cookie })).json.tabs;

    for (const width of Object.values(WIDTHS)) {
      await t.test(`${tenant} at ${width} px`, async () => {
        const signedOut = await open(browser, width);
        await visit(signedOut.page, host.page(tenant, 'sign-in'), `Sign in to ${expected.product}`);
        await screenshot(signedOut.page, tenant, 'sign-in');
        await assertAccessible(signedOut.page, `${tenant} sign-in`);
        assert.deepEqual(signedOut.problems, []);
        await signedOut.context.close();

        const { context, page, problems } = await open(browser, width);
        await host.useSession(context, tenant, owner);
        await visit(page, host.page(tenant), 'Overview');
        // The cards: the tokens plugin's counts the token issued above.
        const card = page.getByRole('link', { name: /Active API tokens/ });
        await card.waitFor();
        assert.match(await card.textContent(), /\b1\b/);
        await page.getByRole('heading', { name: 'Recent activity' }).waitFor();
        await screenshot(page, tenant, 'overview');
        await assertAccessible(page, `${tenant} overview`);

        // The navigation: the tenant's tabs, in its order, with its titles (and the owner's audit log).
        if (width === WIDTHS.narrow) await page.getByRole('button', { name: 'Menu', exact: true }).click();
        const nav = page.getByRole('navigation', { name: 'Dashboard' });
        const links = (await nav.getByRole('link').allTextContents()).map((s) => s.trim());
        assert.deepEqual(links, ['Overview', ...tabs.map((tab) => tab.title), 'Audit log']);
        assert.deepEqual(links.slice(1, 1 + expected.first.length), expected.first);
        for (const title of expected.absent) assert.ok(!links.includes(title), `${title} is not a tab of ${tenant}`);
        if (width === WIDTHS.narrow) await screenshot(page, tenant, 'menu-open', { fullPage: false });

        for (const tab of tabs) {
          await visit(page, host.page(tenant, tab.id), tab.title);
          await page.locator('[role=alert]:has-text("could not be loaded")').waitFor({ state: 'detached', timeout: 1000 }).catch(() => {});
          assert.equal(await page.getByText('This tab could not be loaded').count(), 0, `${tab.id} loads`);
          await screenshot(page, tenant, `tab-${tab.id}`);
          await assertAccessible(page, `${tenant} tab ${tab.id}`);
        }

        await visit(page, host.page(tenant, 'tokens/new'), 'Issue an API token');
        await screenshot(page, tenant, 'tab-tokens-new');
        await assertAccessible(page, `${tenant} issue form`);

        await visit(page, host.page(tenant, 'profile'), 'Profile and security');
        await screenshot(page, tenant, 'profile');
        await assertAccessible(page, `${tenant} profile`);

        await page.getByRole('button', { name: 'Account menu' }).click();
        await page.getByRole('button', { name: 'Sign out' }).waitFor();
        await screenshot(page, tenant, 'account-menu', { fullPage: false });
        await assertAccessible(page, `${tenant} account menu`);
        assert.deepEqual(problems, []);
        await context.close();
      });
    }
  }
});
