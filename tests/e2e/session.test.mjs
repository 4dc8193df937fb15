// The session's life as the shell handles it: expiry returns to the same
// page after signing in again, impersonation shows a banner on every page
// until it is stopped, and a tab whose module fails leaves the rest working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible } from './support/browser.mjs';

const T = 'northwind';

test('an expired session signs in again and comes back to the same page', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t, { security: '  session_idle_timeout_s: 3\n' });
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'idle@northwind.test', 'owner', 'a long idle passphrase', 'Ida', 'Idle');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, 'tokens/new'));
  await page.getByLabel('Name').waitFor();

  // Sessions count idle time in whole seconds: past 3 s for sure takes more than 4.
  await sleep(4500);
  // The next call finds the session gone: sign-in, then back here.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('heading', { name: 'Sign in to Northwind Admin' }).waitFor();
  assert.match(page.url(), /\/sign-in\?next=tokens$/);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('No API tokens yet.').waitFor();
  assert.match(page.url(), /\/t\/northwind\/tokens$/);
  assert.deepEqual(problems, []);
});

test('impersonating shows a banner on every page until it is stopped', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'boss@northwind.test', 'owner', 'a long owner passphrase', 'Olivia', 'Owner');
  const agent = host.createUser(T, 'agent@northwind.test', 'agent', 'Ada', 'Agent');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T));
  await page.getByRole('heading', { name: 'Overview' }).waitFor();

  // Become the agent the way the Users tab does: confirm the password, then ask.
  const started = await page.evaluate(
    async ({ agentId, password }) => {
      const me = await (await fetch('api/v1/me')).json();
      const post = (path, body, csrf) =>
        fetch(`api/v1${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
      await post('/auth/reauth', { password }, me.csrf_token);
      return (await post('/impersonation', { user_id: agentId, reason: 'Ticket 42', minutes: 10 }, me.csrf_token)).status;
    },
    { agentId: agent.id, password: owner.password },
  );
  assert.equal(started, 201);

  for (const path of ['', 'profile', 'tokens']) {
    await page.goto(host.page(T, path));
    const banner = page.getByRole('region', { name: 'Impersonation' });
    await banner.waitFor();
    assert.match(await banner.textContent(),
      /You are signed in as Ada Agent \(agent@northwind\.test\) by Olivia Owner — ends in (09|10):\d\d —\s*Stop impersonating/);
  }
  await screenshot(page, T, 'impersonating');
  await assertAccessible(page, 'impersonation banner');
  // The banner cannot be put away.
  const banner = page.getByRole('region', { name: 'Impersonation' });
  assert.equal(await banner.getByRole('button').count(), 1);

  await banner.getByRole('button', { name: 'Stop impersonating' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  await banner.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByText('boss@northwind.test').waitFor();
  assert.deepEqual(problems, []);
});

test('a tab whose module fails shows an error card and the rest keeps working', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'broken@northwind.test', 'owner', 'a long broken passphrase', 'Bo', 'Broken');
  const { context, page } = await open(browser);
  await host.useSession(context, T, owner);
  // The module of the tokens tab answers 500, as a broken deployment would.
  await page.route('**/ui/tokens/@*/tab.js', (route) => route.fulfill({ status: 500, body: 'broken' }));

  await page.goto(host.page(T, 'tokens'));
  const card = page.getByRole('alert').filter({ hasText: 'This tab could not be loaded' });
  await card.waitFor();
  await screenshot(page, T, 'tab-load-error');
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Greetings' }).click();
  await page.getByRole('heading', { name: 'Greetings', level: 1 }).waitFor();
  await page.getByText('Ahoy, Northwind Traders!').waitFor();
});
