// The audit log, a host view: filters kept in the URL (and a late answer
// that does not overwrite a newer one), entries read as sentences and
// expanded to before → after, a secret only as "changed" and its plaintext
// nowhere in the page, impersonated entries naming both people, the history
// drawer's link, export of the current filter, the chain's check (verified,
// then broken by a tampered database) and no access without audit.read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startHost } from './support/host.mjs';
import { launch, open, screenshot, assertAccessible } from './support/browser.mjs';

const APP_BEFORE = 'AP' + 'a'.repeat(32);
const APP_AFTER = 'AP' + 'b'.repeat(32);
const SECRET = 'plaintext-auth-token-7f3c9e21d4';

/**
 * An owner and an admin, and voice settings changed twice: through an API
 * token (via token), then in a session with a secret (direct).
 */
async function seed(host, T) {
  const owner = await host.signedIn(T, `olga@${T}.test`, 'owner', 'a long audit passphrase', 'Olga', 'Owner');
  await host.signedIn(T, `ben@${T}.test`, 'admin', 'another audit passphrase', 'Ben', 'Admin');
  const token = host.tabctl('token', 'create', '--tenant', T, '--email', owner.email, '--name', 'deploy').trim().split('\n').pop().trim();
  const viaToken = await host.api(T, 'PUT', '/voice', {
    body: { twiml_app_sid: APP_BEFORE },
    headers: { Authorization: `Bearer ${token}`, 'If-Match': '*' },
  });
  assert.equal(viaToken.status, 200, JSON.stringify(viaToken.json));
  const direct = await host.api(T, 'PUT', '/voice', {
    body: { twiml_app_sid: APP_AFTER, auth_token: SECRET },
    cookie: owner.cookie,
    csrf: owner.csrf,
    headers: { 'If-Match': '*' },
  });
  assert.equal(direct.status, 200, JSON.stringify(direct.json));
  return owner;
}

/** The sequence numbers GET /audit answers for `query` (at most 200: these logs are short). */
async function expected(host, T, cookie, query) {
  const answer = await host.api(T, 'GET', `/audit?limit=200&${query}`, { cookie });
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  return answer.json.items.map((e) => e.seq);
}

/** The entries the page shows once it is not loading: number, action and text; null while loading. */
function shown(page) {
  return page.evaluate(() => {
    const audit = document.querySelector('tabhost-shell')?.shadowRoot?.querySelector('tabhost-audit');
    const list = audit?.shadowRoot?.querySelector('ol.entries');
    if (!list || list.getAttribute('aria-busy') !== 'false') return null;
    return [...list.querySelectorAll('tabhost-audit-entry')].map((entry) => {
      const root = entry.shadowRoot;
      return {
        seq: Number(root.querySelector('.facts span').textContent.replace('#', '')),
        action: root.querySelector('.facts code').textContent,
        text: root.querySelector('.sentence').textContent.replace(/\s+/g, ' ').trim(),
      };
    });
  });
}

/** Waits until the page shows exactly `seqs`, newest first. */
async function until(page, seqs, what) {
  let last = null;
  for (let i = 0; i < 100; i++) {
    last = await shown(page);
    if (last && JSON.stringify(last.map((e) => e.seq)) === JSON.stringify(seqs)) return last;
    await sleep(100);
  }
  assert.fail(`${what}: the page shows ${JSON.stringify(last?.map((e) => e.seq))}, not ${JSON.stringify(seqs)}`);
}

/** The filter in the URL, the entries the API gives for it, and the same after a reload. */
async function filteredAcrossReload(page, host, T, cookie, query, all) {
  const seqs = await expected(host, T, cookie, query);
  assert.ok(seqs.length > 0 && seqs.length < all.length, `${query} narrows the log (${seqs.length} of ${all.length})`);
  await until(page, seqs, query);
  assert.equal(new URL(page.url()).search, `?${query}`);
  await page.reload();
  await until(page, seqs, `${query} after a reload`);
  return seqs;
}

/** Every text and attribute value in the page, shadow roots included. */
function deepText(page) {
  return page.evaluate(() => {
    const parts = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        for (const attr of el.attributes) parts.push(attr.value);
        if ('value' in el && typeof el.value === 'string') parts.push(el.value);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
      parts.push(root.textContent ?? '');
    };
    walk(document);
    for (let i = 0; i < localStorage.length; i++) parts.push(localStorage.getItem(localStorage.key(i)));
    for (let i = 0; i < sessionStorage.length; i++) parts.push(sessionStorage.getItem(sessionStorage.key(i)));
    return parts.join('\n');
  });
}

function entry(page, seq) {
  return page.locator('tabhost-audit-entry').filter({ has: page.getByText(`#${seq}`, { exact: true }) });
}

// RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field.replace(/\r$/, '')), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

test('filters kept in the URL across reload; a late answer does not overwrite a newer one; before → after', { timeout: 120_000 }, async (t) => {
  const T = 'northwind';
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await seed(host, T);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);

  await page.goto(host.page(T, 'audit'));
  const all = await expected(host, T, owner.cookie, '');
  await until(page, all, 'the whole log, newest first');

  // By action prefix, typed.
  await page.getByLabel('Action').fill('voice.');
  await page.getByLabel('Action').press('Enter');
  const voice = await filteredAcrossReload(page, host, T, owner.cookie, 'action=voice.', all);
  assert.equal(await page.getByLabel('Action').inputValue(), 'voice.');

  // Expanded, the newest shows its changes before → after, the secret only as changed.
  const newest = entry(page, voice[0]);
  await newest.getByRole('button', { name: `Details of entry ${voice[0]}` }).click();
  await newest.getByText(`TwiML app SID: ${APP_BEFORE} → ${APP_AFTER}`).waitFor();
  await newest.locator('li').filter({ hasText: 'Auth token' }).getByText('changed', { exact: true }).waitFor();
  assert.equal(await newest.getByRole('button', { name: /of entry/ }).getAttribute('aria-expanded'), 'true');
  await assertAccessible(page, 'the audit log with an expanded entry');

  // By actor: the entry's own button narrows to the person.
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await until(page, all, 'filters cleared');
  const bens = (await host.api(T, 'GET', '/audit?limit=200', { cookie: owner.cookie })).json.items
    .find((e) => e.actor.name === 'Ben Admin');
  const ben = bens.actor.id;
  await entry(page, bens.seq).getByRole('button', { name: /^Details/ }).click();
  await page.getByRole('button', { name: 'Only entries by Ben Admin' }).click();
  const byBen = await filteredAcrossReload(page, host, T, owner.cookie, `actor=${ben}`, all);
  assert.ok((await shown(page)).every((e) => e.text.startsWith('Ben Admin ')), 'every entry is Ben\'s');
  assert.ok(byBen.length >= 2);

  // By category and by how it was done, chosen.
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await until(page, all, 'filters cleared');
  await page.getByLabel('Category').selectOption('security');
  await filteredAcrossReload(page, host, T, owner.cookie, 'category=security', all);
  assert.equal(await page.getByLabel('Category').inputValue(), 'security');
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await until(page, all, 'filters cleared');
  await page.getByLabel('How').selectOption('token');
  const viaToken = await filteredAcrossReload(page, host, T, owner.cookie, 'via=token', all);
  assert.deepEqual((await shown(page)).map((e) => e.text), ['Olga Owner (API token deploy) changed settings']);
  assert.equal(viaToken.length, 1);

  // A slow answer for an older filter arrives after the newer one's: the newer stays.
  await page.route((url) => url.pathname.endsWith('/api/v1/audit') && url.searchParams.get('action') === 'auth.',
    async (route) => {
      await sleep(1500);
      await route.continue().catch(() => {});
    });
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await until(page, all, 'filters cleared');
  await page.getByLabel('Action').fill('auth.');
  await page.getByLabel('Action').press('Enter');
  await page.getByLabel('Action').fill('voice.');
  await page.getByLabel('Action').press('Enter');
  await until(page, voice, 'the newer filter');
  await sleep(2000);
  await until(page, voice, 'the newer filter, after the older answer came');
  assert.match(page.url(), /\?action=voice\.$/);
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  // A record's history drawer links here, filtered to the record.
  await page.goto(host.page(T, 'voice'));
  await page.getByRole('button', { name: 'History' }).first().click();
  const drawer = page.getByRole('dialog', { name: /History/ });
  await drawer.getByRole('link', { name: 'Open in the audit log' }).click();
  await drawer.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).search, '?target_type=settings&target_id=voice');
  await until(page, await expected(host, T, owner.cookie, 'target_type=settings&target_id=voice'), 'the record\'s entries');
  assert.deepEqual(problems, []);
});

test('a secret setting change reads "changed" and its plaintext is nowhere in the page', { timeout: 90_000 }, async (t) => {
  const T = 'northwind';
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await seed(host, T);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  const answers = [];
  page.on('response', async (response) => {
    try {
      answers.push(`${response.url()}\n${await response.text()}`);
    } catch {
      // A redirect or an aborted answer has no body to search.
    }
  });
  await page.goto(host.page(T, 'audit?action=voice.settings.update'));
  const [secretChange] = await expected(host, T, owner.cookie, 'action=voice.settings.update');
  await until(page, await expected(host, T, owner.cookie, 'action=voice.settings.update'), 'the settings changes');
  const item = entry(page, secretChange);
  await item.getByRole('button', { name: /^Details/ }).click();
  const line = item.locator('li').filter({ hasText: 'Auth token' });
  await line.getByText('changed', { exact: true }).waitFor();
  assert.doesNotMatch(await line.textContent(), /→/);
  // The export has it only as changed too.
  const exported = await page.evaluate(async () => (await fetch('api/v1/audit/export?format=ndjson')).text());
  assert.match(exported, /"field":"auth_token","secret":true/);
  await page.waitForLoadState('networkidle');

  assert.ok(answers.some((a) => a.includes('/api/v1/audit?')), 'the list answers were recorded');
  for (const answer of [...answers, exported]) assert.ok(!answer.includes(SECRET), `plaintext in ${answer.slice(0, 120)}`);
  assert.ok(!(await deepText(page)).includes(SECRET), 'plaintext in the page');
  assert.deepEqual(problems, []);
});

test('an entry made while impersonating names the user and the admin', { timeout: 90_000 }, async (t) => {
  const T = 'southpole';
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'olga@southpole.test', 'owner', 'a long audit passphrase', 'Olga', 'Owner');
  const sam = host.createUser(T, 'sam@southpole.test', 'supervisor', 'Sam', 'Super');
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T));
  await page.getByRole('heading', { name: 'Overview' }).waitFor();

  // Become Sam the way the Users tab does, add a company as Sam, and stop.
  const made = await page.evaluate(async ({ samId, password }) => {
    const csrf = async () => (await (await fetch('api/v1/me')).json()).csrf_token;
    const send = async (method, path, body) => fetch(`api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': await csrf() },
      body: body ? JSON.stringify(body) : undefined,
    });
    await send('POST', '/auth/reauth', { password });
    const became = (await send('POST', '/impersonation', { user_id: samId, reason: 'Ticket 9', minutes: 10 })).status;
    const created = (await send('POST', '/companies', { name: 'Impersonated Co', domain: 'impersonated.example' })).status;
    const stopped = (await send('DELETE', '/impersonation')).status;
    return [became, created, stopped];
  }, { samId: sam.id, password: owner.password });
  assert.deepEqual(made, [201, 201, 200]);

  await page.goto(host.page(T, 'audit?via=impersonation'));
  // The session changed twice (a new id each time): ask as the page.
  const seqs = await page.evaluate(async () =>
    (await (await fetch('api/v1/audit?via=impersonation')).json()).items.map((e) => e.seq));
  assert.ok(seqs.length > 0);
  const [entryShown] = await until(page, seqs, 'the impersonated entries');
  assert.equal(entryShown.text, 'Sam Super, by Olga Owner impersonating, created a company');
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Audit log' }).waitFor();
  await entry(page, seqs[0]).getByRole('button', { name: /^Details/ }).click();
  await entry(page, seqs[0]).getByText('Impersonated by').waitFor();
  assert.deepEqual(problems, []);
});

test('export downloads the current filter as CSV and NDJSON', { timeout: 90_000 }, async (t) => {
  const T = 'northwind';
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await seed(host, T);
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, 'audit?action=voice.'));
  const seqs = await expected(host, T, owner.cookie, 'action=voice.');
  await until(page, seqs, 'the voice entries');
  const all = await expected(host, T, owner.cookie, '');
  assert.ok(seqs.length > 1 && seqs.length < all.length);

  const fetchDownload = async (name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    return { filename: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  };
  const day = new Date().toISOString().slice(0, 10);

  const csv = await fetchDownload(/^Export CSV/);
  assert.equal(csv.filename, `audit-${T}-${day}.csv`);
  const [header, ...rows] = parseCsv(csv.text);
  assert.equal(header[0], 'seq');
  const column = (name) => header.indexOf(name);
  assert.deepEqual(rows.map((r) => Number(r[column('seq')])), seqs);
  assert.ok(rows.every((r) => r[column('action')].startsWith('voice.')));
  assert.deepEqual(JSON.parse(rows[0][column('changes')])[1], { field: 'auth_token', secret: true });

  const ndjson = await fetchDownload(/^Export NDJSON/);
  assert.equal(ndjson.filename, `audit-${T}-${day}.ndjson`);
  const lines = ndjson.text.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(lines.map((e) => e.seq), seqs);
  assert.ok(lines.every((e) => e.action.startsWith('voice.')));
  assert.ok(!csv.text.includes(SECRET) && !ndjson.text.includes(SECRET));
  assert.deepEqual(problems, []);
});

test('Load more continues after the last entry shown, under the same filter', { timeout: 90_000 }, async (t) => {
  const T = 'southpole';
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await seed(host, T);
  // More settings changes than a page holds.
  for (let i = 0; i < 55; i++) {
    const answer = await host.api(T, 'PUT', '/voice', {
      body: { twiml_app_sid: i % 2 ? APP_AFTER : APP_BEFORE },
      cookie: owner.cookie,
      csrf: owner.csrf,
      headers: { 'If-Match': '*' },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
  }
  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, owner);
  await page.goto(host.page(T, 'audit?action=voice.'));
  const seqs = await expected(host, T, owner.cookie, 'action=voice.');
  assert.equal(seqs.length, 57);
  await until(page, seqs.slice(0, 50), 'the first page');
  await page.getByRole('button', { name: 'Load more' }).click();
  await until(page, seqs, 'both pages, in order, none twice');
  await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
  // The button went with the last page: the first new entry has the focus.
  assert.equal(await page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.textContent.replace(/\s+/g, ' ').trim();
  }), `Details of entry ${seqs[50]}`);
  assert.deepEqual(problems, []);
});

test('the chain verified, then a tampered entry shown as broken; screenshots', { timeout: 180_000 }, async (t) => {
  const host = await startHost(t);
  const browser = await launch(t);
  for (const T of ['northwind', 'southpole']) {
    const owner = await seed(host, T);
    host.tabctl('audit', 'checkpoint', '--tenant', T);
    const all = await expected(host, T, owner.cookie, '');
    const { context, page, problems } = await open(browser);
    await host.useSession(context, T, owner);
    await page.goto(host.page(T, 'audit'));
    await until(page, all, 'the log');
    const status = page.getByRole('status').filter({ hasText: 'Verified' });
    assert.match(await status.textContent(),
      new RegExp(`Verified up to entry ${all[0]}, checkpoint signed at .+ \\(entry ${all[0]}\\)\\.`));
    await screenshot(page, T, 'audit');
    await assertAccessible(page, `${T}'s audit log`);
    await entry(page, all[0]).getByRole('button', { name: /^Details/ }).click();
    await entry(page, all[0]).getByText('What changed').waitFor();
    await screenshot(page, T, 'audit-entry');

    // Someone with the database file drops the guard and rewrites entry 3.
    const tampered = 3;
    const db = join(host.dir, 'data', `${T}.db`);
    execFileSync('sqlite3', [db, `DROP TRIGGER audit_log_no_update;
      UPDATE audit_log SET metadata = '{"sessions_ended":0}' WHERE seq = ${tampered};`]);
    await page.reload();
    const alert = page.getByRole('alert').filter({ hasText: 'does not match the chain' });
    await alert.waitFor();
    assert.match(await alert.textContent(),
      new RegExp(`Entry ${tampered} does not match the chain\\.\\s+Entry ${tampered} was changed after it was written\\.`));
    await entry(page, tampered).getByText('Does not match the chain').waitFor();
    assert.equal(await page.getByText('Does not match the chain', { exact: true }).count(), 1);
    await screenshot(page, T, 'audit-broken');
    await assertAccessible(page, `${T}'s broken audit log`);
    assert.deepEqual(problems, []);
  }
});

test('without audit.read: no navigation entry, and the address says there is no access', { timeout: 60_000 }, async (t) => {
  const T = 'northwind';
  const host = await startHost(t);
  const browser = await launch(t);
  const owner = await host.signedIn(T, 'olga@northwind.test', 'owner', 'a long audit passphrase', 'Olga', 'Owner');
  const agent = await host.signedIn(T, 'alan@northwind.test', 'agent', 'a long agent passphrase', 'Alan', 'Agent');

  const admin = await open(browser);
  await host.useSession(admin.context, T, owner);
  await admin.page.goto(host.page(T));
  await admin.page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Audit log' }).waitFor();

  const { context, page, problems } = await open(browser);
  await host.useSession(context, T, agent);
  await page.goto(host.page(T));
  const nav = page.getByRole('navigation', { name: 'Dashboard' });
  await nav.getByRole('link', { name: 'Overview' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Audit log' }).count(), 0);
  await page.goto(host.page(T, 'audit'));
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  await page.getByText('You do not have access to the audit log').waitFor();
  assert.equal(await page.locator('tabhost-audit-entry').count(), 0);
  await screenshot(page, T, 'audit-no-access');
  await assertAccessible(page, 'the audit log without access');
  assert.deepEqual(problems, []);
  assert.deepEqual(admin.problems, []);
});
