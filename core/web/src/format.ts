// How values from the API read: people's names, times and setting names.
import { html } from 'lit';
import { localTime, relativeTime } from './kit';
import type { User } from './kit';

/** SQL's "2026-12-07 10:00:00" is UTC too; Date.parse and <time datetime> want ISO 8601. */
export const utcIso = (at: string) => (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(at) ? `${at.replace(' ', 'T')}Z` : at);

/** A time: relative ("3 min ago"), the exact local time on hover. */
export function when(at: string) {
  return html`<time datetime=${utcIso(at)} title=${localTime(at)}>${relativeTime(at)}</time>`;
}

export const fullName = (user: User) => `${user.first_name} ${user.last_name}`.trim() || user.email;

// Words of setting names that are written otherwise than in lower case.
const WORDS: Record<string, string> = {
  sid: 'SID', url: 'URL', uri: 'URI', id: 'ID', api: 'API', sms: 'SMS', ai: 'AI', ip: 'IP', html: 'HTML',
  twiml: 'TwiML', elevenlabs: 'ElevenLabs',
};

/** "twiml_app_sid" → "TwiML app SID" (less its capital first letter). */
export const phrase = (name: string) => name.split('_').filter(Boolean).map((word) => WORDS[word] ?? word).join(' ');
export const humanise = (name: string) => {
  const words = phrase(name);
  return words.charAt(0).toUpperCase() + words.slice(1);
};
