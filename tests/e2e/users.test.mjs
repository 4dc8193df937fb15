// The Users tab (users plugin) with Become (impersonation plugin), as an
// admin uses it: filters that live in the URL, a user created with a
// temporary password shown once, suspend and reactivate, delete with the
// preview, Become with the banner, and what a viewer does not see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TENANTS, havePostgres, startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible, WIDTHS } from './support/browser.mjs';

const T = 'southpole';

async function people(host) {
  const owner = await host.signedIn(T, 'olga@southpole.test', 'owner', 'a long users passphrase', 'Olga', 'Owner');
  const agent = host.createUser(T, 'alan@southpole.test', 'agent', 'Alan', 'Agent');
  host.createUser(T, 'vera@southpole.test', 'viewer', 'Vera', 'Viewer');
  host.createUser(T, 'sam@southpole.test', 'supervisor', 'Sam', 'Super');
  return { owner, agent };
}

async function menuAction(page, name, action) {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('button', { name: `${action} ${name}` }).click();
}

test('filters live in the URL, and the list and its states read well', { timeout: 120_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const { owner } = await people(host);
  for (const width of Object.values(WIDTHS)) {
    const { context, page, problems } = await open(browser, width);
    await host.useSession(context, T, owner);
    await page.goto(host.page(T, 'users'));
    await page.getByRole('row', { name: /Alan Agent/ }).waitFor();
    await screenshot(page, T, 'users-list');
    await assertAccessible(page, `users list at ${width}`);

    await page.getByLabel('Search users').fill('vera');
    await page.waitForURL(/q=vera/);
    await page.getByRole('row', { name: /Vera Viewer/ }).waitFor();
    await page.getByRole('row', { name: /Alan Agent/ }).waitFor({ state: 'detached' });
    // The view survives a reload: the URL holds it.
    await page.reload();
    await page.getByRole('row', { name: /Vera Viewer/ }).waitFor();
    assert.equal(await page.getByLabel('Search users').inputValue(), 'vera');
    assert.equal(await page.getByRole('row', { name: /Alan Agent/ }).count(), 0);

    await page.goto(host.page(T, 'users?type=supervisor'));
    await page.getByRole('row', { name: /Sam Super/ }).waitFor();
    assert.equal(await page.getByRole('row', { name: /Vera Viewer/ }).count(), 0);

    // Only the owner has signed in: the latest login comes first.
    await page.goto(host.page(T, 'users?sort=-last_login_at'));
    assert.equal(await page.getByLabel('Sort by').inputValue(), '-last_login_at');
    await page.getByRole('row', { name: /Alan Agent/ }).waitFor();
    assert.match(await page.locator('tbody tr').first().textContent(), /Olga Owner/);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

// Once on each storage driver: the same screens, the same answers.
for (const postgres of [false, true]) {
  test(`create with a temporary password, suspend and reactivate, delete (${postgres ? 'PostgreSQL' : 'SQLite'})`, {
    timeout: 120_000, skip: postgres && !havePostgres && 'no PostgreSQL (scripts/test.sh starts one)',
  }, async (t) => {
    const host = await startHost(t, { postgres });
    const browser = await launch(t);
    const { owner } = await people(host);
    const { context, page, problems } = await open(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await host.useSession(context, T, owner);

    await page.goto(host.page(T, 'users'));
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('heading', { name: 'Add a user', level: 1 }).waitFor();
    await page.getByLabel('First name').fill('Nadia');
    await page.getByLabel('Last name').fill('New');
    await page.getByLabel('Email', { exact: true }).fill('alan@southpole.test');
    await page.getByRole('radio', { name: /agent/i }).check();
    await page.getByRole('radio', { name: 'Create with a temporary password' }).check();
    // The tenant's roles, from GET /users/roles.
    await page.getByRole('checkbox', { name: 'dispatcher' }).check();
    await screenshot(page, T, 'users-new');
    await assertAccessible(page, 'add user form');
    await page.getByRole('button', { name: 'Create user' }).click();
    // The email is taken: said beside the field, nothing created.
    await page.getByLabel('Email', { exact: true }).and(page.locator('[aria-invalid="true"]')).waitFor();
    await page.getByLabel('Email', { exact: true }).fill('nadia@southpole.test');
    await page.getByRole('button', { name: 'Create user' }).click();
    const modal = page.getByRole('dialog', { name: 'Temporary password' });
    await modal.getByText('It will not be shown again.').waitFor();
    await screenshot(page, T, 'users-temporary-password', { fullPage: false });
    await assertAccessible(page, 'temporary password modal');
    await modal.getByRole('button', { name: 'Copy password' }).click();
    const temporary = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal((await host.api(T, 'POST', '/auth/login', { body: { email: 'nadia@southpole.test', password: temporary } })).status, 200);
    await modal.getByRole('button', { name: 'Done' }).click();

    // Filtered by her role through the URL, as a shared link would.
    await page.goto(host.page(T, 'users?role=dispatcher'));
    const row = page.getByRole('row', { name: /Nadia New/ });
    await row.waitFor();
    assert.equal(await page.getByLabel('Role', { exact: true }).inputValue(), 'dispatcher');
    assert.equal(await page.getByRole('row', { name: /Alan Agent/ }).count(), 0);
    await menuAction(page, 'Nadia New', 'Suspend');
    await page.getByRole('dialog', { name: /Suspend Nadia New/ }).getByRole('button', { name: 'Suspend user' }).click();
    await row.getByText(/suspended/i).waitFor();
    await menuAction(page, 'Nadia New', 'Reactivate');
    await page.getByRole('dialog', { name: /Reactivate Nadia New/ }).getByRole('button', { name: 'Reactivate user' }).click();
    await row.getByText(/active/i).first().waitFor();

    await menuAction(page, 'Nadia New', 'Delete');
    const confirm = page.getByRole('dialog', { name: /Delete Nadia New/ });
    await confirm.getByText('This cannot be undone', { exact: false }).waitFor();
    await screenshot(page, T, 'users-delete', { fullPage: false });
    await assertAccessible(page, 'delete dialog');
    await confirm.getByRole('button', { name: 'Delete user' }).click();
    await row.waitFor({ state: 'detached' });
    const gone = await host.api(T, 'GET', '/users?q=nadia', { cookie: owner.cookie });
    assert.equal(gone.json.items.length, 0);
    assert.deepEqual(problems, []);
  });
}

test('Become a user: the banner, then back to the admin', { timeout: 90_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  const { owner } = await people(host);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, 'users'));
  await page.getByRole('row', { name: /Alan Agent/ }).waitFor();
  await menuAction(page, 'Sam Super', 'Become');
  const become = page.getByRole('dialog', { name: /Become Sam Super/ });
  await become.getByLabel('Reason').fill('Reproducing ticket 7');
  await become.getByRole('button', { name: 'Become user' }).click();
  const banner = page.getByRole('region', { name: 'Impersonation' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /You are signed in as Sam Super \(sam@southpole\.test\) by Olga Owner/);
  await screenshot(page, T, 'users-became');
  await assertAccessible(page, 'the user\'s view while impersonating');
  // A change made meanwhile is the supervisor's, with the owner named beside.
  const created = await page.evaluate(async () => {
    const me = await (await fetch('api/v1/me')).json();
    const answer = await fetch('api/v1/companies', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify({ name: 'Impersonated Co', domain: 'impersonated.example' }),
    });
    return { status: answer.status, body: await answer.json(), acting: me.user.id, by: me.impersonation.by.id };
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await banner.getByRole('button', { name: 'Stop impersonating' }).click();
  await banner.waitFor({ state: 'detached' });
  // The session switched twice (a new id each time): ask as the page.
  const sessions = await page.evaluate(async () => (await fetch('api/v1/impersonation/sessions')).json());
  assert.equal(sessions.items[0].reason, 'Reproducing ticket 7');
  const audit = await page.evaluate(async (id) => (await fetch(`api/v1/companies/${id}/history`)).json(), created.body.company.id);
  const entry = audit.items.find((e) => e.via === 'impersonation');
  assert.ok(entry, JSON.stringify(audit.items));
  assert.equal(entry.actor.id, created.acting);
  assert.equal(entry.impersonator_id, created.by);
  assert.deepEqual(problems, []);
});

test("Become and Message ask what the tenant's settings leave open", { timeout: 90_000 }, async (t) => {
  const strict = TENANTS.southpole.replace('  hello: {enabled: false}\n', `  hello: {enabled: false}
  impersonation:
    settings: {read_only: true, max_minutes: 15, notify_user: true, reason_required: false}
  users:
    settings: {message_subject: "Note from {product_name} support"}
`);
  const host = await startHost(t, { tenants: { ...TENANTS, southpole: strict } });
  const browser = await launch(t);
  const { owner } = await people(host);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, 'users'));
  await menuAction(page, 'Sam Super', 'Become');
  const become = page.getByRole('dialog', { name: /Become Sam Super/ });
  await become.getByText('This tenant makes every impersonation read-only.').waitFor();
  const readOnly = become.getByRole('checkbox', { name: /Read-only/ });
  assert.ok(await readOnly.isChecked());
  assert.ok(await readOnly.isDisabled());
  await become.getByText('Sam Super will be emailed that you signed in as them, when and why.').waitFor();
  await become.getByText('1 to 15; empty: 15, the most this tenant allows.').waitFor();
  await become.getByLabel('Reason (optional)').waitFor();
  await become.getByLabel('Minutes').fill('20');
  await become.getByRole('button', { name: 'Become user' }).click();
  await become.getByText('This tenant allows at most 15 minutes.').waitFor();
  await screenshot(page, T, 'users-become-policy');
  await assertAccessible(page, 'Become under a strict policy');
  await become.getByRole('button', { name: 'Cancel' }).click();

  await menuAction(page, 'Sam Super', 'Message');
  const composer = page.getByRole('form', { name: 'Write to Sam Super' });
  // Prefilled from the tenant's message_subject, as the API fills it in.
  const subject = await composer.getByLabel('Subject').elementHandle();
  await page.waitForFunction((input) => input.value === 'Note from Southpole Console support', subject);
  assert.deepEqual(problems, []);
});

test('a viewer sees the users but no admin action', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  await people(host);
  const viewer = await host.signedIn(T, 'vic@southpole.test', 'viewer', 'a long viewer passphrase', 'Vic', 'Viewer');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, viewer);
  await page.goto(host.page(T, 'users'));
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.getByRole('button', { name: 'Add user' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /^Actions for/ }).count(), 0);
  await screenshot(page, T, 'users-viewer');
  assert.deepEqual(problems, []);
});

test('an admin sees actions only on users below their own type', { timeout: 60_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  await people(host);
  host.createUser(T, 'ada@southpole.test', 'admin', 'Ada', 'Admin');
  const admin = await host.signedIn(T, 'abe@southpole.test', 'admin', 'a long admin passphrase', 'Abe', 'Admin');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, admin);
  await page.goto(host.page(T, 'users'));
  await page.getByRole('row', { name: /Alan Agent/ }).waitFor();
  // Below: the menu offers the writes.
  await page.getByRole('button', { name: 'Actions for Alan Agent' }).click();
  await page.getByRole('button', { name: 'Suspend Alan Agent' }).waitFor();
  await page.keyboard.press('Escape');
  // Equal or above: the API would refuse (rank_too_low), so nothing is offered.
  for (const name of ['Olga Owner', 'Ada Admin', 'Abe Admin']) {
    const menu = page.getByRole('button', { name: `Actions for ${name}` });
    if (await menu.count()) await menu.click();
    for (const action of ['Suspend', 'Delete', 'Edit', 'Reset password of'])
      assert.equal(await page.getByRole('button', { name: `${action} ${name}` }).count(), 0, `${action} ${name}`);
    if (await menu.count()) await page.keyboard.press('Escape');
  }
  assert.deepEqual(problems, []);
});
