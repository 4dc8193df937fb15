// The Billing tab (billing plugin): the plan catalog added to, edited and
// deleted from; an http:// payment link refused beside its field; the plan
// that is the default for new users refused deletion with the reason; the
// customer portal saved through the shell's settings form; what a user who
// may only read sees; screenshots of both tenants at both widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TENANTS, startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible, WIDTHS } from './support/browser.mjs';

// Northwind has billing switched off in the shared configuration: on here, so that both tenants show the tab.
const WITH_BILLING = { ...TENANTS, northwind: TENANTS.northwind.replace('billing: {enabled: false}', 'billing: {}') };

const PRO = { id: 'pro', name: 'Pro', price_label: '$49 / month', payment_link: 'https://buy.stripe.com/test_pro' };
const BASIC = { id: 'basic', name: 'Basic', price_label: '$9 / month', payment_link: 'https://buy.stripe.com/test_basic' };

async function owner(host, tenant) {
  return host.signedIn(tenant, `bill@${tenant}.test`, 'owner', 'a long billing passphrase', 'Bill', 'Owner');
}

async function addPlan(host, tenant, session, plan) {
  const added = await host.api(tenant, 'POST', '/billing/plans', { body: plan, cookie: session.cookie, csrf: session.csrf });
  assert.equal(added.status, 201, JSON.stringify(added.json));
}

async function storedPlans(host, tenant, session) {
  return (await host.api(tenant, 'GET', '/billing/plans', { cookie: session.cookie })).json.items;
}

/** The row of a plan, found by its name's cell. */
const row = (page, name) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: false }) }).filter({ hasText: name });

test('plans: add (an http link refused beside it), edit, a default plan kept with its reason, delete', { timeout: 120_000 }, async (t) => {
  const T = 'northwind';
  const host = await startHost(t, { tenants: WITH_BILLING });
  const browser = await launch(t);
  const session = await owner(host, T);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, session);

  await page.goto(host.page(T, 'billing'));
  await page.getByText('No plans yet.').waitFor();
  await page.getByRole('button', { name: 'Add plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a plan' });
  await dialog.getByLabel('Plan id').fill(PRO.id);
  await dialog.getByLabel('Name').fill(PRO.name);
  await dialog.getByLabel('Price label').fill(PRO.price_label);
  await dialog.getByLabel('Stripe payment link').fill('http://buy.stripe.com/test_pro');
  await dialog.getByRole('button', { name: 'Add plan' }).click();
  // The server's refusal, beside the link, and nothing stored.
  const link = dialog.getByLabel('Stripe payment link');
  await dialog.locator('#plan-payment_link-error').getByText(/expected an https:\/\/ URL/).waitFor();
  assert.equal(await link.getAttribute('aria-invalid'), 'true');
  assert.match(await link.getAttribute('aria-describedby'), /plan-payment_link-error/);
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id ?? ''), '');
  assert.deepEqual(await storedPlans(host, T, session), []);
  await screenshot(page, T, 'billing-http-link-refused', { fullPage: false });
  await assertAccessible(page, 'plan dialog with a refused link');

  await link.fill(PRO.payment_link);
  await dialog.getByRole('button', { name: 'Add plan' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const pro = row(page, 'Pro');
  await pro.waitFor();
  // The link opens Stripe's page in a new tab, which gets no hold on this one.
  const stripe = pro.getByRole('link', { name: /buy\.stripe\.com\/test_pro/ });
  assert.equal(await stripe.getAttribute('href'), PRO.payment_link);
  assert.equal(await stripe.getAttribute('target'), '_blank');
  assert.match(await stripe.getAttribute('rel'), /\bnoopener\b/);

  // Edited, and after a reload the table shows what was stored.
  await pro.getByRole('button', { name: 'Edit Pro' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Pro' });
  assert.equal(await edit.getByLabel('Plan id').isDisabled(), true);
  await edit.getByLabel('Price label').fill('$59 / month');
  await edit.getByRole('button', { name: 'Save plan' }).click();
  await edit.waitFor({ state: 'hidden' });
  await pro.getByText('$59 / month').waitFor();
  await page.reload();
  await row(page, 'Pro').getByText('$59 / month').waitFor();
  assert.deepEqual((await storedPlans(host, T, session)).map(({ id, name, price_label, payment_link }) =>
    ({ id, name, price_label, payment_link })), [{ ...PRO, price_label: '$59 / month' }]);

  // Pro becomes the default for new users (General settings): its deletion is refused, with the reason.
  await addPlan(host, T, session, BASIC);
  const general = await host.api(T, 'PUT', '/settings', {
    body: { default_user_plan: 'pro' }, cookie: session.cookie, csrf: session.csrf, headers: { 'If-Match': '*' },
  });
  assert.equal(general.status, 200, JSON.stringify(general.json));
  await page.reload();
  await row(page, 'Pro').getByRole('button', { name: 'Delete Pro' }).click();
  const remove = page.getByRole('dialog', { name: 'Delete Pro?' });
  await remove.getByRole('button', { name: 'Delete plan' }).click();
  const reason = remove.getByRole('alert');
  await reason.getByText('Pro cannot be deleted:').waitFor();
  assert.match(await reason.textContent(), /the default for new users \(General settings\)/);
  assert.equal(await remove.getByRole('button', { name: 'Delete plan' }).count(), 0);
  await screenshot(page, T, 'billing-default-plan-kept', { fullPage: false });
  await assertAccessible(page, 'a refused deletion');
  await remove.getByRole('button', { name: 'Close' }).click();
  await remove.waitFor({ state: 'hidden' });
  assert.deepEqual((await storedPlans(host, T, session)).map((p) => p.id), ['pro', 'basic']);

  // Another plan goes, and the focus does not get lost with its row.
  await row(page, 'Basic').getByRole('button', { name: 'Delete Basic' }).click();
  await page.getByRole('dialog', { name: 'Delete Basic?' }).getByRole('button', { name: 'Delete plan' }).click();
  await row(page, 'Basic').waitFor({ state: 'detached' });
  assert.deepEqual((await storedPlans(host, T, session)).map((p) => p.id), ['pro']);
  assert.deepEqual(problems, []);
});

test('the customer portal: refused beside the field, then saved and read back equal', { timeout: 60_000 }, async (t) => {
  const T = 'southpole';
  const host = await startHost(t);
  const browser = await launch(t);
  const session = await owner(host, T);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, session);
  await page.goto(host.page(T, 'billing'));
  const portal = page.getByLabel('Customer portal URL');
  await portal.fill('http://billing.stripe.com/p/login/southpole');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#setting-customer_portal_url-error').waitFor();
  assert.equal(await portal.getAttribute('aria-invalid'), 'true');

  await portal.fill('https://billing.stripe.com/p/login/southpole');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved').waitFor();
  await page.reload();
  assert.equal(await page.getByLabel('Customer portal URL').inputValue(), 'https://billing.stripe.com/p/login/southpole');
  const stored = await host.api(T, 'GET', '/billing', { cookie: session.cookie });
  assert.equal(stored.json.values.customer_portal_url, 'https://billing.stripe.com/p/login/southpole');
  assert.deepEqual(problems, []);
});

test('the catalog on both tenants at both widths; a supervisor reads it without changing it', { timeout: 120_000 }, async (t) => {
  const host = await startHost(t, { tenants: WITH_BILLING });
  const browser = await launch(t);
  for (const tenant of ['northwind', 'southpole']) {
    const session = await owner(host, tenant);
    for (const plan of [BASIC, PRO]) await addPlan(host, tenant, session, plan);
    const { context, page, problems } = await open(browser);
    await host.useSession(context, tenant, session);
    await page.goto(host.page(tenant, 'billing'));
    await row(page, 'Pro').waitFor();
    await page.getByLabel('Customer portal URL').waitFor();
    // At both widths (the harness takes the narrow one too); the table becomes cards at 390 px.
    await screenshot(page, tenant, 'billing');
    await assertAccessible(page, `billing of ${tenant}`);
    await row(page, 'Basic').getByRole('button', { name: 'Edit Basic' }).click();
    await page.getByRole('dialog', { name: 'Edit Basic' }).waitFor();
    await screenshot(page, tenant, 'billing-edit', { fullPage: false });
    await assertAccessible(page, `plan dialog of ${tenant}`);
    await page.setViewportSize({ width: WIDTHS.narrow, height: 860 });
    await assertAccessible(page, `plan dialog of ${tenant} at ${WIDTHS.narrow} px`);
    await page.keyboard.press('Escape');
    await assertAccessible(page, `billing of ${tenant} at ${WIDTHS.narrow} px`);
    assert.deepEqual(problems, []);
    await context.close();
  }

  const T = 'southpole';
  const reader = await host.signedIn(T, 'sup@southpole.test', 'supervisor', 'a long reading passphrase', 'Sue', 'Pervisor');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, reader);
  await page.goto(host.page(T, 'billing'));
  await row(page, 'Pro').waitFor();
  assert.equal(await page.getByRole('button', { name: /^(Add plan|Edit|Delete)/ }).count(), 0);
  assert.deepEqual(problems, []);
});
