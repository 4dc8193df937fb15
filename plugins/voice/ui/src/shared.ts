// What the voice tab's views share: the API's shapes, the tab's addresses,
// who may change what (only to hide what the API would refuse anyway), and
// how an error from the API client is read.
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { mayChange } from '../../../common/ui/src/access.js';

/** One inbound number, as GET /voice/numbers lists it (and every write answers it). */
export interface InboundNumber {
  id: number;
  phone_number: string;
  friendly_name: string;
  /** The company whose call tree answers it; null when not routed. */
  company_id: string | null;
  /** null when not routed, or when the company has been deleted since. */
  company_name: string | null;
  active: boolean;
  created_at: string;
  updated_at: string;
}

/** The company a number is routed to, as the form and the picker name it. */
export interface Routing {
  id: string;
  name: string;
}

/** E.164, as the API checks it (sdk isE164): '+', no leading 0, 7 to 15 digits. */
export const E164 = /^\+[1-9]\d{6,14}$/;
export const E164_HINT = '+ then country code and number, e.g. +14155550123';
/** The API's limit on a friendly name (InboundNumbers.cpp). */
export const MAX_FRIENDLY_NAME = 64;

/** The tab's views, by their path under the tab. */
export const VIEWS = {
  voice: '',
  ai: 'ai',
  numbers: 'numbers',
  newNumber: 'numbers/new',
} as const;

/** The address of a view, relative to the tenant's base (for navigate and hrefs). */
export function viewUrl(ctx: TabContext, path: string): string {
  return path ? `${ctx.route.tab}/${path}` : ctx.route.tab;
}

export function numberUrl(ctx: TabContext, id: number): string {
  return viewUrl(ctx, `numbers/${id}`);
}

/** Whether the user may change what this tab shows (voice.write, and not impersonating read-only). */
export const canWrite = (ctx: TabContext) => mayChange(ctx, 'voice.write');

/** What a number's routing shows: the company's name, its id once deleted, or nothing. */
export function routingLabel(n: InboundNumber): string {
  if (n.company_id === null) return '';
  return n.company_name ?? `Company ${n.company_id} (deleted)`;
}

/** The number with its friendly name, for titles and button names. */
export function numberLabel(n: InboundNumber): string {
  return n.friendly_name ? `${n.phone_number} (${n.friendly_name})` : n.phone_number;
}

// The kit's: one way to read an error in every tab and in the shell.
export { problemOf, problemText, type Problem } from '../../../../sdk/ui/tabhost-ui.js';
