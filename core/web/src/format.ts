// How values from the API read: people's names, times and setting names.
import { html } from 'lit';
import { localTime, relativeTime, utcIso } from './kit';
import type { User } from './kit';

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
