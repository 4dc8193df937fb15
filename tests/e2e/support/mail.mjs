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

/** The set-password link mailed to `to` (waits up to 15 s for delivery). */
export async function mailedLink(to) {
  for (let i = 0; i < 150; i++) {
    for (const text of messages()) {
      if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(text)) continue;
      const link = /https?:\/\/\S+\/set-password#(?:invite|reset)=[A-Za-z0-9]+/.exec(text);
      if (link) return link[0];
    }
    await sleep(100);
  }
  throw new Error(`no set-password mail to ${to}`);
}
