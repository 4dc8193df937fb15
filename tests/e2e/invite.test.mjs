// The invitation mail's link opens the dashboard's set-password page, in
// the tenant's branding; choosing a password signs the new user in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible } from './support/browser.mjs';
import { haveMail, mailedLink } from './support/mail.mjs';

const T = 'southpole';

test('an invitation link sets the password and signs in', { timeout: 60_000, skip: !haveMail && 'no SMTP listener (scripts/test.sh starts one)' }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'inviter@southpole.test', 'owner', 'a long inviting passphrase', 'Ines', 'Inviter');
  const email = `invitee-${process.pid}@southpole.test`;
  const invited = await host.api(T, 'POST', '/users', {
    body: { first_name: 'Nia', last_name: 'New', email, type: 'agent', invite: true },
    cookie: owner.cookie,
    csrf: owner.csrf,
  });
  assert.equal(invited.status, 201, JSON.stringify(invited.json));
  // The mail names the host as configured (port 0 here: the system picked
  // the real one), so the link's path and fragment go to the real port.
  const mailed = new URL(await mailedLink(email));
  const link = `${host.url}${mailed.pathname}${mailed.hash}`;

  const { page, problems } = await open(browser);
  await page.goto(link);
  await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
  await page.getByText('Southpole Console').first().waitFor();
  // The token left the address bar at once.
  assert.doesNotMatch(page.url(), /#/);
  await screenshot(page, T, 'set-password');
  await assertAccessible(page, 'set-password page');
  await page.getByLabel('New password', { exact: true }).fill('my very own passphrase');
  await page.getByLabel('Repeat new password').fill('my very own passphrase');
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  assert.deepEqual(problems, []);
});
