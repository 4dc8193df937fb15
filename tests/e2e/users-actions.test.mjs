// The Users tab's row actions, each to its end: the mail it sends, the
// state the server confirms, the refusal shown where it belongs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible } from './support/browser.mjs';
import { haveMail, mailTo, mailedLink } from './support/mail.mjs';
import { totp } from './support/totp.mjs';

const T = 'southpole';
const needsMail = { skip: !haveMail && 'no SMTP listener (scripts/test.sh starts one)' };

async function admin(t) {
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await host.signedIn(T, `olga-${process.pid}@southpole.test`, 'owner', 'a long actions passphrase', 'Olga', 'Owner');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  return { host, owner, page, problems };
}

async function menuAction(page, name, action) {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('button', { name: `${action} ${name}` }).click();
}

test('an invitation is mailed, and a reset both ways', { timeout: 90_000, ...needsMail }, async (t) => {
  const { host, page, problems } = await admin(t);
  const email = `ivy-${process.pid}@southpole.test`;
  await page.goto(host.page(T, 'users/new'));
  await page.getByLabel('First name').fill('Ivy');
  await page.getByLabel('Last name').fill('Invited');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('radio', { name: /^Agent/ }).check();
  await page.getByRole('radio', { name: /^Send an invitation/ }).check();
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.getByText(`an email is on its way to ${email}`).waitFor();
  assert.match(await mailedLink(email), /set-password#invite=/);

  // The invitee sets a password; then an admin resets it by mail, and once more to a temporary one.
  const link = new URL(await mailedLink(email));
  const token = link.hash.split('=')[1];
  assert.equal((await host.api(T, 'POST', '/auth/accept-invite', { body: { token, password: 'ivy has a passphrase' } })).status, 200);
  await page.goto(host.page(T, 'users'));
  await menuAction(page, 'Ivy Invited', 'Reset password of');
  let dialog = page.getByRole('dialog', { name: /Reset the password of Ivy Invited/ });
  await dialog.getByRole('radio', { name: /Email a reset link/ }).check();
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  await page.getByText(`A password reset link was emailed to ${email}.`).waitFor();
  await mailTo(email, /set-password#reset=/);

  await menuAction(page, 'Ivy Invited', 'Reset password of');
  dialog = page.getByRole('dialog', { name: /Reset the password of Ivy Invited/ });
  await dialog.getByRole('radio', { name: /Set a temporary password/ }).check();
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  await page.getByRole('dialog', { name: 'Temporary password' }).getByText('It will not be shown again.').waitFor();
  assert.deepEqual(problems, []);
});

test('discard and restore; a duplicate email refused beside the field', { timeout: 90_000 }, async (t) => {
  const { host, owner, page, problems } = await admin(t);
  host.createUser(T, 'dora@southpole.test', 'agent', 'Dora', 'Discarded');
  host.createUser(T, 'eve@southpole.test', 'agent', 'Eve', 'Edited');
  await page.goto(host.page(T, 'users'));
  await menuAction(page, 'Dora Discarded', 'Discard');
  const discard = page.getByRole('dialog', { name: /Discard Dora Discarded/ });
  await discard.getByText('Access stops now, the record is kept', { exact: false }).waitFor();
  await discard.getByRole('button', { name: 'Discard user' }).click();
  // The row shows what the server confirmed.
  await page.getByRole('row', { name: /Dora Discarded/ }).getByText('Discarded', { exact: true }).waitFor();
  const listed = await host.api(T, 'GET', '/users?status=discarded', { cookie: owner.cookie });
  assert.deepEqual(listed.json.items.map((u) => u.email), ['dora@southpole.test']);

  await page.getByLabel('Status').selectOption({ label: 'Discarded' });
  await page.getByRole('row', { name: /Dora Discarded/ }).waitFor();
  await menuAction(page, 'Dora Discarded', 'Restore');
  await page.getByRole('dialog', { name: /Restore Dora Discarded/ }).getByRole('button', { name: 'Restore user' }).click();
  await page.getByRole('row', { name: /Dora Discarded/ }).getByText('Discarded', { exact: true }).waitFor({ state: 'detached' });
  assert.equal((await host.api(T, 'GET', '/users?status=discarded', { cookie: owner.cookie })).json.items.length, 0);

  await page.getByLabel('Status').selectOption({ label: 'All but discarded' });
  await menuAction(page, 'Eve Edited', 'Edit');
  const email = page.getByLabel('Email', { exact: true });
  await email.fill('dora@southpole.test');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await email.and(page.locator('[aria-invalid="true"]')).waitFor();
  await screenshot(page, T, 'users-edit-refused');
  await assertAccessible(page, 'a user\'s page with a refused field');
  assert.equal((await host.api(T, 'GET', '/users?q=eve', { cookie: owner.cookie })).json.items[0].email, 'eve@southpole.test');
  assert.deepEqual(problems, []);
});

test('two-factor turned off with a reason, and a message under the row', { timeout: 90_000, ...needsMail }, async (t) => {
  const { host, page, problems } = await admin(t);
  const email = `tom-${process.pid}@southpole.test`;
  const tom = await host.signedIn(T, email, 'agent', 'tom has a passphrase', 'Tom', 'Twofactor');
  const enrolled = await host.api(T, 'POST', '/auth/2fa/enroll', { cookie: tom.cookie, csrf: tom.csrf });
  const confirmed = await host.api(T, 'POST', '/auth/2fa/confirm', {
    body: { code: totp(enrolled.json.secret) }, cookie: tom.cookie, csrf: tom.csrf,
  });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.json));

  await page.goto(host.page(T, 'users'));
  await menuAction(page, 'Tom Twofactor', 'Disable two-factor authentication of');
  const dialog = page.getByRole('dialog', { name: /Disable two-factor authentication of Tom Twofactor/ });
  await dialog.getByLabel('Reason').fill('Lost his phone');
  await dialog.getByRole('button', { name: 'Disable two-factor authentication' }).click();
  await page.getByText('Two-factor authentication is off for Tom Twofactor', { exact: false }).waitFor();
  await mailTo(email, /turned off two-factor authentication/);

  await menuAction(page, 'Tom Twofactor', 'Message');
  const composer = page.getByRole('form', { name: 'Write to Tom Twofactor' });
  // Prefilled with the tenant's default subject once the API has said it.
  const subject = await composer.getByLabel('Subject').elementHandle();
  await page.waitForFunction((input) => input.value === 'A message from Southpole Console', subject);
  await composer.getByLabel('Message').fill('Your new badge is ready at the desk.');
  await screenshot(page, T, 'users-message');
  await assertAccessible(page, 'message composer');
  await composer.getByRole('button', { name: 'Send message' }).click();
  await composer.getByText(`Message sent to ${email}.`).waitFor();
  const mail = await mailTo(email, /new badge is ready/);
  assert.match(mail, /^Reply-To: .*desk@southpole\.test/mi);
  assert.deepEqual(problems, []);
});

test("deleting an admin needs the acknowledgement; one's own row offers no delete", { timeout: 90_000 }, async (t) => {
  const { host, owner, page, problems } = await admin(t);
  host.createUser(T, 'adam@southpole.test', 'admin', 'Adam', 'Admin');
  await page.goto(host.page(T, 'users'));
  await menuAction(page, 'Adam Admin', 'Delete');
  const dialog = page.getByRole('dialog', { name: /Delete Adam Admin/ });
  const destroy = dialog.getByRole('button', { name: 'Delete user' });
  await destroy.waitFor();
  await assertAccessible(page, 'delete dialog with its acknowledgement');
  assert.equal(await destroy.isDisabled(), true);
  await dialog.getByRole('checkbox', { name: /I understand that this deletes an admin account/ }).check();
  await destroy.click();
  await page.getByRole('row', { name: /Adam Admin/ }).waitFor({ state: 'detached' });
  assert.equal((await host.api(T, 'GET', '/users?q=adam', { cookie: owner.cookie })).json.items.length, 0);

  assert.equal(await page.getByRole('button', { name: 'Delete Olga Owner' }).count(), 0);
  if (await page.getByRole('button', { name: 'Actions for Olga Owner' }).count()) {
    await page.getByRole('button', { name: 'Actions for Olga Owner' }).click();
    assert.equal(await page.getByRole('button', { name: 'Delete Olga Owner' }).count(), 0);
  }
  assert.deepEqual(problems, []);
});
