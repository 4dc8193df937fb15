// What the users tab's views share: the API's shapes, how an error from the
// API client is read, the user types, and who may do what to whom (only to
// hide what the API would refuse anyway; the API decides).
import { html } from 'lit';
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { mayChange } from '../../../common/ui/src/access.js';

export type Status = 'active' | 'invited' | 'suspended' | 'discarded';

/** One user as GET /users lists it (and every write answers it). */
export interface User {
  id: string;
  /** "First Last". */
  name: string;
  first_name: string;
  last_name: string;
  email: string;
  type: string;
  roles: string[];
  status: Status;
  companies: { company_id: string; team: string; role: string }[];
  last_login_at: string | null;
  created_at: string;
  two_factor: boolean;
  /** Only in the answers about one user (GET /users/{id}, and writes). */
  phone?: string;
  external_id?: string;
  timezone?: string;
}

/** GET /users/stats. */
export interface Stats {
  total: number;
  active: number;
  invited: number;
  suspended: number;
  discarded: number;
}

/** A cursor page: next_cursor is null on the last one. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** A company as the filter and the form name it. */
export interface Company {
  id: string;
  name: string;
}

/** The user types, highest rank first, with what each is for. */
export const TYPES: readonly (readonly [string, string])[] = [
  ['owner', 'Everything, including other owners and admins.'],
  ['admin', 'Manages users, settings, tokens and integrations.'],
  ['supervisor', 'Sees users, billing and settings; edits companies.'],
  ['agent', 'Works with the company catalog day to day.'],
  ['analyst', 'Reads what the roles given to them allow.'],
  ['viewer', 'Looks without changing anything.'],
  ['member', 'Uses the product; no rights in this console.'],
];

/** owner 7 … member 1, as the host ranks them (userTypeRank); a platform operator above all. */
function rank(type: string): number {
  if (type === 'operator') return 100;
  const at = TYPES.findIndex(([t]) => t === type);
  return at < 0 ? 0 : TYPES.length - at;
}

/**
 * Whether `actor` may act on users of `type`: the host's one rank rule
 * (strictly lower; owners and operators on anyone). Every check of the tab
 * goes through it.
 */
export function outranks(actor: string, type: string): boolean {
  return actor === 'owner' || actor === 'operator' || rank(type) < rank(actor);
}

/** Whether the user may change what this tab shows (users.write, and not impersonating read-only). */
export const canWrite = (ctx: TabContext) => mayChange(ctx, 'users.write');

/** Whether the signed-in user may manage `u` here: never themselves (their profile page), only below their rank. */
export function manages(ctx: TabContext, u: User): boolean {
  return u.id !== ctx.user.id && outranks(ctx.user.type, u.type);
}

/** The name to show: the full name, or the email when there is none. */
export function nameOf(u: User): string {
  return u.name.trim() || u.email;
}

export function initials(u: User): string {
  const letters = [u.first_name, u.last_name].map((s) => [...s.trim()][0] ?? '').join('');
  return (letters || [...u.email][0] || '?').toUpperCase();
}

export function userPath(id: string, tail = ''): string {
  return `/users/${encodeURIComponent(id)}${tail}`;
}

export { when } from '../../../common/ui/src/table-parts.js';

const STATUS_BADGES: Record<Status, string> = {
  active: 'th-badge th-badge-success',
  invited: 'th-badge th-badge-primary',
  suspended: 'th-badge th-badge-danger',
  discarded: 'th-badge',
};

export function statusBadge(status: Status) {
  return html`<span class=${STATUS_BADGES[status] ?? 'th-badge'}>${capitalized(status)}</span>`;
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The kit's: one way to read an error in every tab and in the shell.
export { problemOf, problemText, type Problem } from '../../../../sdk/ui/tabhost-ui.js';

/** A refusal about no field; focusable, for a form to move the focus to it. */
export { alertOf } from '../../../common/ui/src/page-parts.js';

/** The tab's events between its own elements: bubbling, never leaving the tab's shadow root. */
export function emit<T>(from: Element, type: string, detail?: T): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
}

export { follow } from '../../../common/ui/src/links.js';

/** "company_memberships" → "Company memberships". */
export function kindText(kind: string): string {
  return capitalized(kind.replace(/_/g, ' '));
}

/** The catalog's names by company id. */
export function companyNames(catalog: readonly Company[]): Map<string, string> {
  return new Map(catalog.map((c) => [c.id, c.name]));
}

/** A user's memberships as "Company (team)", by name where the catalog has it. */
export function membershipLabels(u: User, names: ReadonlyMap<string, string>): string[] {
  return u.companies.map((m) => (names.get(m.company_id) ?? m.company_id) + (m.team ? ` (${m.team})` : ''));
}

/** What a row's menu may offer; each is shown only when the user may do it. */
export type Action =
  | 'edit'
  | 'message'
  | 'resend'
  | 'reset'
  | 'suspend'
  | 'reactivate'
  | 'discard'
  | 'undiscard'
  | 'disable2fa'
  | 'history'
  | 'become'
  | 'delete';

/** users-action's detail: the element that asked gets the focus back. */
export interface ActionRequest {
  action: Action;
  user: User;
  opener: HTMLElement;
}

/** Impersonation: the host's rules (an active user, never an owner, ranking below), so that Become shows only where it can work. */
function canBecome(ctx: TabContext, u: User): boolean {
  return (
    ctx.can('impersonation.become') &&
    !ctx.impersonation &&
    u.status === 'active' &&
    u.type !== 'owner' &&
    manages(ctx, u)
  );
}

/** Deleting an admin or an owner takes an owner (owner_required) and an acknowledgement (acknowledge_required). */
export function needsOwner(u: User): boolean {
  return u.type === 'admin' || u.type === 'owner';
}

/** The actions `ctx.user` may take on `u`, in the menu's order: only what the API would allow. */
export function actionsFor(ctx: TabContext, u: User): Action[] {
  const out: Action[] = [];
  // A read-only impersonation changes nothing; one's own account is managed on the
  // profile page (own_account); anyone else only below one's rank (rank_too_low).
  const readOnly = Boolean(ctx.impersonation?.read_only);
  const allowed = !readOnly && manages(ctx, u);
  const write = allowed && ctx.can('users.write');
  if (write) out.push('edit');
  if (ctx.can('users.message') && !readOnly && u.status !== 'discarded') out.push('message');
  if (write) {
    if (u.status === 'invited') out.push('resend');
    if (u.status === 'active' || u.status === 'suspended') out.push('reset');
    if (u.status === 'active' || u.status === 'invited') out.push('suspend');
    if (u.status === 'suspended') out.push('reactivate');
    if (u.two_factor && u.status !== 'discarded') out.push('disable2fa');
    out.push(u.status === 'discarded' ? 'undiscard' : 'discard');
  }
  if (canBecome(ctx, u)) out.push('become');
  if (ctx.can('audit.read')) out.push('history');
  // Whoever outranks owners (an owner, an operator) may delete admins and owners.
  if (allowed && ctx.can('users.delete') && (!needsOwner(u) || outranks(ctx.user.type, 'owner'))) out.push('delete');
  return out;
}

/** [visible text, accessible name] of an action's button. */
export function actionLabel(action: Action, name: string): [string, string] {
  switch (action) {
    case 'edit': return ['Edit', `Edit ${name}`];
    case 'message': return ['Message', `Message ${name}`];
    case 'resend': return ['Resend invitation', `Resend invitation to ${name}`];
    case 'reset': return ['Reset password', `Reset password of ${name}`];
    case 'suspend': return ['Suspend', `Suspend ${name}`];
    case 'reactivate': return ['Reactivate', `Reactivate ${name}`];
    case 'discard': return ['Discard', `Discard ${name}`];
    case 'undiscard': return ['Restore', `Restore ${name}`];
    case 'disable2fa': return ['Disable two-factor authentication', `Disable two-factor authentication of ${name}`];
    case 'history': return ['History', `History of ${name}`];
    case 'become': return ['Become', `Become ${name}`];
    case 'delete': return ['Delete', `Delete ${name}`];
  }
}

/** One of the tenant's roles, as GET /users/roles lists it. */
export interface Role {
  name: string;
  permissions: string[];
  /** Whether the signed-in user may give it (or take it away). */
  grantable: boolean;
}

// One request per page load, like the company catalog below.
let roleList: Promise<Role[]> | undefined;

export function tenantRoles(ctx: TabContext): Promise<Role[]> {
  roleList ??= ctx.api.get<{ items: Role[] }>('/users/roles').then(
    (body) => body.items,
    () => [],
  );
  return roleList;
}

/** The roles' names, with `more` (a shared link's filter, a user's own) kept even if unknown. */
export function roleNames(roles: readonly Role[], ...more: (string | null | undefined)[]): string[] {
  const all = new Set(roles.map((r) => r.name));
  for (const r of more) if (r) all.add(r);
  return [...all].sort();
}

// One catalog request per page load: the first 200 companies by name.
let catalog: Promise<Company[]> | undefined;

export function companies(ctx: TabContext): Promise<Company[]> {
  if (!ctx.can('companies.read')) return Promise.resolve([]);
  catalog ??= ctx.api
    .get<Page<Company>>('/companies', { query: { limit: 200, sort: 'name' } })
    .then((page) => page.items.map(({ id, name }) => ({ id, name })))
    .catch(() => {
      catalog = undefined; // ask again next time; meanwhile ids show as they are
      return [];
    });
  return catalog;
}

/** The list's query string as last shown, so that leaving a user's page goes back to the same view. */
export const listView = { query: '' };

export function listUrl(ctx: TabContext): string {
  return listView.query ? `${ctx.route.tab}?${listView.query}` : ctx.route.tab;
}
