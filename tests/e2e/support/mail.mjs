// Mail the host delivered to the suite's SMTP listener (aiosmtpd's Maildir,
// TABHOST_TEST_SMTP_MAILDIR), read as a person's mailbox would show it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Quoted-printable soft line breaks and =XX escapes undone.
function decoded(raw) {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

function messages() {
  const dir = process.env.TABHOST_TEST_SMTP_MAILDIR;
  if (!dir) return [];
  const all = [];
  for (const sub of ['new', 'cur']) {
    let names = [];
    try {
      names = readdirSync(join(dir, sub));
    } catch {
      continue;
    }
    for (const name of names) all.push(decoded(readFileSync(join(dir, sub, name), 'utf8')));
  }
  return all;
}

/** Whether the suite has an SMTP listener to deliver to. */
export const haveMail = Boolean(process.env.TABHOST_TEST_SMTP && process.env.TABHOST_TEST_SMTP_MAILDIR);

/** The first mail to `to` whose text matches `pattern` (waits up to 15 s for delivery). */
export async function mailTo(to, pattern, what = `a mail to ${to} matching ${pattern}`) {
  const addressed = new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi');
  for (let i = 0; i < 150; i++) {
    const text = messages().find((m) => addressed.test(m) && pattern.test(m));
    if (text) return text;
    await sleep(100);
  }
  throw new Error(`no ${what}`);
}

/** The set-password link mailed to `to`. */
export async function mailedLink(to) {
  const link = /https?:\/\/\S+\/set-password#(?:invite|reset)=[A-Za-z0-9]+/;
  return link.exec(await mailTo(to, link, `set-password mail to ${to}`))[0];
}
