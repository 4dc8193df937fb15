// The Backend tab (tokens plugin), the first plugin UI on the contract:
// issue a token through the step-up prompt (which retries the request, the
// form is not typed again), see it once, copy it, use it, revoke it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible } from './support/browser.mjs';

const T = 'southpole';

test('issue a token after a step-up prompt, copy it once, revoke it', { timeout: 90_000 }, async (t) => {
  // A 1 s step-up window: the sign-in's own confirmation is over by the time the form is sent.
  const host = await startHost(t, { security: '  step_up_s: 1\n' });
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'keys@southpole.test', 'owner', 'a long backend passphrase', 'Kim', 'Keys');
  const { context, page, problems } = await open(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await host.useSession(context, T, owner);

  await page.goto(host.page(T, 'tokens'));
  await page.getByText('No API tokens yet.').waitFor();
  await page.getByRole('button', { name: 'Issue token' }).first().click();
  assert.match(page.url(), /\/t\/southpole\/tokens\/new$/);
  await page.getByRole('heading', { name: 'Issue an API token', level: 1 }).waitFor();

  await page.getByLabel('Name').fill('CRM sync');
  await page.getByRole('checkbox', { name: 'tokens.read' }).check();
  await page.getByRole('checkbox', { name: 'audit.read' }).check();
  await page.getByLabel('Expires in').selectOption({ label: '30 days' });
  await sleep(1100);
  await page.getByRole('button', { name: 'Issue token' }).click();

  // The API asked for the password: the shell prompts, then sends the same request again.
  const prompt = page.getByRole('dialog', { name: 'Confirm your password' });
  await prompt.waitFor();
  await screenshot(page, T, 'step-up', { fullPage: false });
  await assertAccessible(page, 'step-up prompt');
  await prompt.getByLabel('Password').fill('not the password');
  await prompt.getByRole('button', { name: 'Confirm' }).click();
  await prompt.getByText(/wrong/i).waitFor();
  await prompt.getByLabel('Password').fill(owner.password);
  await prompt.getByRole('button', { name: 'Confirm' }).click();

  await page.getByText('Copy this token now. You will not see it again.').waitFor();
  const secret = (await page.getByText(/^tle_[0-9A-Za-z]{40,}$/).textContent()).trim();
  await screenshot(page, T, 'tab-tokens-issued');
  await page.getByRole('button', { name: 'Copy token' }).click();
  await page.getByRole('button', { name: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);

  // The token works, with exactly the scopes chosen.
  const asToken = { headers: { Authorization: `Bearer ${secret}` } };
  assert.equal((await host.api(T, 'GET', '/tokens', asToken)).status, 200);
  assert.equal((await host.api(T, 'GET', '/companies', asToken)).status, 403);

  await page.getByRole('button', { name: 'Done' }).click();
  assert.match(page.url(), /\/t\/southpole\/tokens$/);
  const row = page.getByRole('row', { name: /CRM sync/ });
  await row.waitFor();
  assert.match(await row.textContent(), /tle_…/);
  assert.equal(await page.getByText(secret).count(), 0, 'the secret is gone from the page');

  // Revoking asks first and names what stops working.
  await page.getByRole('button', { name: 'Revoke CRM sync' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke CRM sync?' });
  await confirm.getByText('stop working at once').waitFor();
  await screenshot(page, T, 'tab-tokens-revoke', { fullPage: false });
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await page.getByText('Token revoked').waitFor();
  await page.getByText('No API tokens yet.').waitFor();
  assert.equal((await host.api(T, 'GET', '/tokens', asToken)).status, 401);
  assert.deepEqual(problems, []);
});
