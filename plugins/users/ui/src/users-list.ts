// The list view: stat cards, the filter bar, the users table in cursor pages,
// and the row actions (their dialogs, the message composer beneath a row).
// Filters live in the URL, so a view survives reload and can be shared.
// Renders into the tab's shadow root (no shadow root of its own).
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { navigate, openHistory, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { dialogs, openDialog } from './dialogs.js';
import './message-composer.js';
import './row-actions.js';
import {
  canWrite,
  capitalized,
  companies,
  roleNames,
  tenantRoles,
  companyNames,
  follow,
  initials,
  listView,
  membershipLabels,
  nameOf,
  problemOf,
  problemText,
  statusBadge,
  when,
  type ActionRequest,
  type Company,
  type Role,
  type Page,
  type Problem,
  type Stats,
  type User,
} from './shared.js';
import { badges, skeletonRows } from '../../../common/ui/src/table-parts.js';
import './user-filters.js';
import type { FilterChange } from './user-filters.js';

const PAGE_SIZE = 50;
/** The URL's filters, which are also the API's parameters (but status=all). */
const FILTERS = ['q', 'status', 'type', 'role', 'company', 'sort'] as const;
const COLUMNS = ['User', 'Type', 'Roles', 'Status', 'Companies', 'Last login', '2FA'];
/** More than this collapse into "+N more", so that rows stay short. */
const MAX_TAGS = 3;

function filtersOf(query: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of FILTERS) {
    const value = query.get(name);
    if (value) out.set(name, value);
  }
  return out;
}

function apiQuery(filters: URLSearchParams, cursor: string | null) {
  const status = filters.get('status');
  return {
    q: filters.get('q') ?? undefined,
    status: status && status !== 'all' ? status : undefined,
    include_discarded: status === 'all' ? 'true' : undefined,
    type: filters.get('type') ?? undefined,
    role: filters.get('role') ?? undefined,
    company: filters.get('company') ?? undefined,
    sort: filters.get('sort') ?? undefined,
    limit: PAGE_SIZE,
    cursor: cursor ?? undefined,
  };
}

function tags(values: string[]) {
  return values.length ? badges(values, MAX_TAGS) : html`<span class="th-hint">None</span>`;
}

class UsersList extends LitElement {
  static properties = {
    context: { attribute: false },
    filters: { state: true },
    stats: { state: true },
    statsError: { state: true },
    items: { state: true },
    next: { state: true },
    loading: { state: true },
    loadError: { state: true },
    filterErrors: { state: true },
    catalog: { state: true },
    roles: { state: true },
    composing: { state: true },
  };
  declare context?: TabContext;
  declare filters: URLSearchParams;
  declare stats: Stats | null;
  declare statsError: Problem | null;
  /** null until the first answer: the skeleton shows meanwhile. */
  declare items: User[] | null;
  declare next: string | null;
  /** A request is on its way (the rows shown are the previous answer's). */
  declare loading: boolean;
  declare loadError: Problem | null;
  /** The API's refusal of a filter, shown beside it. */
  declare filterErrors: Record<string, string>;
  declare catalog: Company[];
  /** The tenant's roles, for the Role filter. */
  declare roles: Role[];
  /** The user whose message composer is open beneath their row. */
  declare composing: string | null;

  /** Whether the last context let the user read users; undefined before the first. */
  #readable?: boolean;
  /** The filters the rows are for, as text: a context with others loads again. */
  #key = '';
  /** Counts list requests: only the latest one's answer is shown. */
  #seq = 0;
  #controller?: AbortController;
  /**
   * What actions confirmed since the latest list request started (null:
   * deleted): its answer may predate them, and must not undo them.
   */
  #since = new Map<string, User | null>();
  #statsSeq = 0;
  #composerOpener: HTMLElement | null = null;

  constructor() {
    super();
    this.filters = new URLSearchParams();
    this.stats = null;
    this.statsError = null;
    this.items = null;
    this.next = null;
    this.loading = false;
    this.loadError = null;
    this.filterErrors = {};
    this.catalog = [];
    this.roles = [];
    this.composing = null;
  }

  protected createRenderRoot() {
    return this;
  }

  // The shell sets a new context on any change: load on the first one, when
  // the URL's filters differ from the rows' (Back, a shared link), and when
  // the read permission comes back.
  protected willUpdate(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!changed.has('context') || !ctx) return;
    const readable = ctx.can('users.read');
    const fresh = readable && !this.#readable;
    this.#readable = readable;
    if (!readable) return;
    const filters = filtersOf(ctx.route.query);
    listView.query = filters.toString();
    if (fresh) {
      void this.loadStats();
      void companies(ctx).then((list) => (this.catalog = list));
      void tenantRoles(ctx).then((list) => (this.roles = list));
    }
    if (fresh || filters.toString() !== this.#key) {
      this.filters = filters;
      void this.load();
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#controller?.abort();
  }

  /** The first page for the current filters, or the next one after `cursor`. */
  private async load(cursor: string | null = null) {
    const ctx = this.context;
    if (!ctx) return;
    // A newer request makes the older one moot: abort it, and ignore its answer.
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    const seq = ++this.#seq;
    const filters = this.filters;
    this.#key = filters.toString();
    this.#since.clear();
    this.loading = true;
    try {
      const page = await ctx.api.get<Page<User>>('/users', {
        query: apiQuery(filters, cursor),
        signal: controller.signal,
      });
      if (seq !== this.#seq) return;
      const since = this.#since;
      const items = page.items.flatMap((u) => (since.has(u.id) ? (since.get(u.id) ?? []) : u));
      this.items = cursor ? [...(this.items ?? []), ...items] : items;
      this.next = page.next_cursor;
      this.loadError = null;
      this.filterErrors = {};
    } catch (err) {
      if (seq !== this.#seq) return; // superseded: its abort is no failure
      const p = problemOf(err);
      if (p.field && (FILTERS as readonly string[]).includes(p.field)) {
        this.filterErrors = { [p.field]: p.message };
        this.loadError = null;
      } else {
        this.loadError = p;
      }
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  private async loadStats() {
    const ctx = this.context;
    if (!ctx) return;
    const seq = ++this.#statsSeq;
    try {
      const stats = await ctx.api.get<Stats>('/users/stats');
      if (seq === this.#statsSeq) [this.stats, this.statsError] = [stats, null];
    } catch (err) {
      if (seq === this.#statsSeq) this.statsError = problemOf(err);
    }
  }

  private refresh() {
    void this.loadStats();
    void this.load();
  }

  private async loadMore(e: Event) {
    const button = e.currentTarget as HTMLElement;
    const shown = this.items?.length ?? 0;
    await this.load(this.next);
    await this.updateComplete;
    // The button goes with the last page: then the first new row takes the focus.
    if (!button.isConnected) this.querySelectorAll<HTMLElement>('tbody a.name')[shown]?.focus();
  }

  private onFilter(e: CustomEvent<FilterChange>) {
    const { name, value } = e.detail;
    const filters = new URLSearchParams(this.filters);
    if (value) filters.set(name, value);
    else filters.delete(name);
    this.setFilters(filters);
  }

  private setFilters(filters: URLSearchParams) {
    // In FILTERS' order, as the URL's are read: the same filters, the same text.
    this.filters = filters = filtersOf(filters);
    this.filterErrors = {};
    void this.load();
    const query = filters.toString();
    listView.query = query;
    // The URL follows, without a history entry per keystroke; the context it
    // brings has the same filters, so it loads nothing more.
    const tab = this.context!.route.tab;
    navigate(this, query ? `${tab}?${query}` : tab, { replace: true });
  }

  private onAction(e: CustomEvent<ActionRequest>) {
    const ctx = this.context!;
    const { action, user, opener } = e.detail;
    if (action === 'edit') navigate(this, `${ctx.route.tab}/${encodeURIComponent(user.id)}`);
    else if (action === 'history') openHistory(this, 'users', user.id, nameOf(user));
    else if (action === 'message') {
      this.#composerOpener = opener;
      this.composing = user.id;
    } else openDialog(this, action, user, opener);
  }

  private closeComposer() {
    this.composing = null;
    this.#composerOpener?.focus();
    this.#composerOpener = null;
  }

  // The API's answer replaces the row (and the one of a list answer on its
  // way, which may be older); the counts move with it.
  private onChanged(e: CustomEvent<User>) {
    const user = e.detail;
    this.#since.set(user.id, user);
    this.items = this.items?.map((u) => (u.id === user.id ? user : u)) ?? null;
    void this.loadStats();
  }

  private async onRemoved(e: CustomEvent<User>) {
    this.#since.set(e.detail.id, null);
    this.items = this.items?.filter((u) => u.id !== e.detail.id) ?? null;
    if (this.composing === e.detail.id) this.composing = null;
    void this.loadStats();
    await this.updateComplete;
    this.querySelector<HTMLElement>('.th-table-wrap, .th-empty')?.focus();
  }

  private row(ctx: TabContext, u: User, names: ReadonlyMap<string, string>) {
    const name = nameOf(u);
    const path = `${ctx.route.tab}/${encodeURIComponent(u.id)}`;
    return html`<tr>
        <td data-label="User">
          <div class="who">
            <span class="avatar" aria-hidden="true">${initials(u)}</span>
            <div class="who-text">
              <a class="name th-truncate" href="${ctx.tenant.base}${path}" @click=${(e: MouseEvent) => follow(e, this, path)}
                >${name}</a
              >
              <div class="th-hint th-truncate" title=${u.email}>${u.email}</div>
            </div>
          </div>
        </td>
        <td data-label="Type"><span class="th-badge">${capitalized(u.type)}</span></td>
        <td data-label="Roles">${tags(u.roles)}</td>
        <td data-label="Status">${statusBadge(u.status)}</td>
        <td data-label="Companies">${tags(membershipLabels(u, names))}</td>
        <td data-label="Last login">${when(u.last_login_at)}</td>
        <td data-label="2FA">${u.two_factor ? 'On' : 'Off'}</td>
        <td data-label="Actions" class="actions">
          <tabhost-users-row-actions .context=${ctx} .user=${u}></tabhost-users-row-actions>
        </td>
      </tr>
      ${this.composing === u.id
        ? html`<tr class="composer-row">
            <td colspan=${COLUMNS.length + 1}>
              <tabhost-users-composer
                .context=${ctx}
                .user=${u}
                @users-composer-close=${this.closeComposer}
              ></tabhost-users-composer>
            </td>
          </tr>`
        : nothing}`;
  }

  private statCards() {
    if (this.statsError)
      return html`<p class="th-alert th-alert-error" role="alert">${problemText(this.statsError)}</p>`;
    const s = this.stats;
    const cards: [string, number | null][] = [
      ['Total users', s?.total ?? null],
      ['Active', s?.active ?? null],
      ['Suspended', s?.suspended ?? null],
    ];
    if (s?.invited) cards.push(['Invited', s.invited]);
    if (s?.discarded) cards.push(['Discarded', s.discarded]);
    return html`<ul class="th-cards stats" aria-label="User counts" aria-busy=${s ? 'false' : 'true'}>
      ${cards.map(
        ([label, n]) => html`<li class="th-card">
          <div class="th-stat-value">${n === null ? html`<span class="th-skeleton"></span>` : n.toLocaleString()}</div>
          <div class="th-stat-label">${label}</div>
        </li>`,
      )}
    </ul>`;
  }

  private table(ctx: TabContext) {
    if (this.loadError) {
      return html`<div class="th-alert th-alert-error" role="alert" tabindex="-1">
        <p>${problemText(this.loadError)}</p>
        <button type="button" class="th-btn" @click=${this.refresh}>Retry</button>
      </div>`;
    }
    if (Object.keys(this.filterErrors).length)
      return html`<p class="th-empty">Correct the filter marked above to see users.</p>`;
    if (this.items?.length === 0) {
      const filtered = [...this.filters.keys()].some((k) => k !== 'sort');
      return html`<div class="th-empty" tabindex="-1">
        <p>${filtered ? 'No users match these filters.' : 'No users yet.'}</p>
        ${filtered
          ? html`<button type="button" class="th-btn" @click=${() => this.setFilters(new URLSearchParams())}>
              Clear filters
            </button>`
          : nothing}
      </div>`;
    }
    const names = companyNames(this.catalog);
    return html`<div class="th-table-wrap" tabindex="-1">
        <table class="th-table th-stack" aria-busy=${this.loading ? 'true' : 'false'}>
          <caption class="th-visually-hidden">Users</caption>
          <thead>
            <tr>
              ${COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}
              <th scope="col"><span class="th-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody class=${this.loading && this.items ? 'stale' : ''}>
            ${this.items ? this.items.map((u) => this.row(ctx, u, names)) : skeletonRows([...COLUMNS, ''])}
          </tbody>
        </table>
      </div>
      ${this.next
        ? html`<div class="more">
            <button type="button" class="th-btn" ?disabled=${this.loading} @click=${this.loadMore}>Load more</button>
          </div>`
        : nothing}`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    if (!ctx.can('users.read')) return html`<p class="th-empty">You do not have permission to see users.</p>`;
    const count = this.items ? `${this.items.length.toLocaleString()}${this.next ? ' or more' : ''} users shown` : '';
    return html`<div class="th-toolbar">
        <p class="th-grow">The people with an account in ${ctx.tenant.name}.</p>
        ${ctx.can('audit.read')
          ? html`<a class="th-btn th-btn-link" href="${ctx.tenant.base}${ctx.route.tab}/impersonations"
              @click=${(e: MouseEvent) => follow(e, this, `${ctx.route.tab}/impersonations`)}>Impersonation history</a>`
          : nothing}
        <button type="button" class="th-btn" @click=${this.refresh}>Refresh</button>
        ${canWrite(ctx)
          ? html`<button type="button" class="th-btn th-btn-primary" @click=${() => navigate(this, `${ctx.route.tab}/new`)}>
              Add user
            </button>`
          : nothing}
      </div>
      ${this.statCards()}
      <tabhost-users-filters
        .context=${ctx}
        .query=${this.filters}
        .companies=${this.catalog}
        .roles=${roleNames(this.roles, this.filters.get('role'))}
        .errors=${this.filterErrors}
        @users-filter=${this.onFilter}
      ></tabhost-users-filters>
      <p class="th-visually-hidden" role="status">${this.loading ? '' : count}</p>
      <div @users-action=${this.onAction}>${this.table(ctx)}</div>
      ${dialogs(ctx, this.onChanged, this.onRemoved)}`;
  }
}

if (!customElements.get('tabhost-users-list')) customElements.define('tabhost-users-list', UsersList);
