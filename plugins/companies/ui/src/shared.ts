// What the Companies tab's views share: the API's shapes, the paths, the
// status badge, and the tenant's limits and industries (asked once a page).
import { html } from 'lit';
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import type { ApiCallTree } from './call-tree.js';

export type Status = 'pending' | 'verified' | 'rejected';

export interface Address {
  street: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
}

/** One company as the API answers it (null for a field not set). */
export interface Company {
  id: string;
  name: string;
  domain: string;
  status: Status;
  logo_url: string | null;
  description: string | null;
  industry: string | null;
  website: string | null;
  support_email: string | null;
  support_phone: string | null;
  support_hours: string | null;
  address: Address;
  /** An employee count ("250") or a band ("51-200"). */
  size: string | null;
  call_tree: ApiCallTree | null;
  call_tree_verified: boolean;
  followers_count: number;
  review_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** A cursor page: next_cursor is null on the last one. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export function companyPath(id: string, tail = ''): string {
  return `/companies/${encodeURIComponent(id)}${tail}`;
}

const STATUS_TEXT: Record<Status, [string, string]> = {
  pending: ['Pending review', 'th-badge th-badge-primary'],
  verified: ['Verified', 'th-badge th-badge-success'],
  rejected: ['Rejected', 'th-badge th-badge-danger'],
};

export function statusBadge(status: Status) {
  const [text, cls] = STATUS_TEXT[status] ?? [status, 'th-badge'];
  return html`<span class=${cls}>${text}</span>`;
}

/**
 * Whether the signed-in user may make changes that need `permission`: they
 * hold it, and are not acting as someone read-only (the API refuses both).
 */
export { mayChange } from '../../../common/ui/src/access.js';

/** The tab's events between its own elements: bubbling, never leaving the tab's shadow root. */
export function emit<T>(from: Element, type: string, detail?: T): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
}

/** GET /companies/limits: what the forms check before they send. */
export interface Limits {
  call_tree_max_depth: number;
  import_max_bytes: number;
}

// The API's defaults, until (or unless) the tenant's own arrive.
const DEFAULT_LIMITS: Limits = { call_tree_max_depth: 5, import_max_bytes: 256 * 1024 * 1024 };
let limitsAnswer: Promise<Limits> | undefined;

export function limits(ctx: TabContext): Promise<Limits> {
  limitsAnswer ??= ctx.api.get<Limits>('/companies/limits').catch(() => {
    limitsAnswer = undefined; // asked again next time
    return DEFAULT_LIMITS;
  });
  return limitsAnswer;
}

// The industries in use, for the filter and the editor's suggestions; a
// saved company may add one, so the editor forgets them after a save.
let industryAnswer: Promise<string[]> | undefined;

export function industries(ctx: TabContext): Promise<string[]> {
  industryAnswer ??= ctx.api
    .get<{ items: { industry: string }[] }>('/companies/industries')
    .then((body) => body.items.map((i) => i.industry))
    .catch(() => {
      industryAnswer = undefined;
      return [];
    });
  return industryAnswer;
}

export function forgetIndustries(): void {
  industryAnswer = undefined;
}

/** The catalog's query string as last shown, so that leaving a company's page goes back to the same view. */
export const listView = { query: '' };

export function listUrl(ctx: TabContext): string {
  return listView.query ? `${ctx.route.tab}?${listView.query}` : ctx.route.tab;
}

/** Whether a URL is this dashboard's own: the page's policy (img-src 'self') shows no other. */
export function sameOrigin(url: string): boolean {
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch {
    return false;
  }
}

/** "1,024 bytes", "3.2 MB". */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString()} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  do {
    value /= 1024;
    unit++;
  } while (value >= 1024 && unit < units.length - 1);
  return `${value.toLocaleString(undefined, { maximumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`;
}
