// The filter bar: search (debounced briefly, to spare a request per key;
// the list aborts an older request and ignores its answer), status, type,
// role, company and sort. It holds no filter of its own: it shows the
// list's (the URL's) and reports changes as users-filter {name, value};
// "" means none.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { TYPES, capitalized, emit, type Company } from './shared.js';

const DEBOUNCE_MS = 100;

export interface FilterChange {
  name: string;
  value: string;
}

/** "all" is the tab's own value: discarded users included (the API's include_discarded). */
const STATUSES: readonly [string, string][] = [
  ['', 'All but discarded'],
  ['all', 'All'],
  ['active', 'Active'],
  ['invited', 'Invited'],
  ['suspended', 'Suspended'],
  ['discarded', 'Discarded'],
];

const SORTS: readonly [string, string][] = [
  ['', 'Newest first'],
  ['created_at', 'Oldest first'],
  ['last_name', 'Name, A to Z'],
  ['-last_name', 'Name, Z to A'],
  ['email', 'Email, A to Z'],
  ['-email', 'Email, Z to A'],
  ['-last_login_at', 'Last login, latest first'],
  ['last_login_at', 'Last login, earliest first'],
];

class UserFilters extends LitElement {
  static properties = {
    context: { attribute: false },
    query: { attribute: false },
    companies: { attribute: false },
    roles: { attribute: false },
    errors: { attribute: false },
    text: { state: true },
  };
  declare context?: TabContext;
  /** The list's filters (as in the URL). */
  declare query: URLSearchParams;
  declare companies: readonly Company[];
  /** The tenant's roles (GET /users/roles), and a shared link's role even if unknown. */
  declare roles: readonly string[];
  /** The API's refusal of a filter, by its name (q, status, ...). */
  declare errors: Partial<Record<string, string>>;
  /** The search box, ahead of the URL while the debounce runs. */
  declare text: string;

  /** The search last reported: a URL with another one was changed elsewhere (Back). */
  #reported = '';
  #timer = 0;

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.companies = [];
    this.roles = [];
    this.errors = {};
    this.text = '';
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    if (!changed.has('query')) return;
    const q = this.query.get('q') ?? '';
    if (q !== this.#reported) {
      clearTimeout(this.#timer);
      this.#reported = this.text = q;
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  private report(name: string, value: string) {
    emit<FilterChange>(this, 'users-filter', { name, value });
  }

  private type(e: Event) {
    this.text = (e.target as HTMLInputElement).value;
    clearTimeout(this.#timer);
    this.#timer = window.setTimeout(() => this.flush(), DEBOUNCE_MS);
  }

  private flush() {
    clearTimeout(this.#timer);
    const q = this.text.trim();
    if (q === this.#reported) return;
    this.#reported = q;
    this.report('q', q);
  }

  private select(name: string, label: string, options: readonly (readonly [string, string])[]) {
    const id = `filter-${name}`;
    const current = this.query.get(name) ?? '';
    const error = this.errors[name];
    return html`<div class="th-field">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        class="th-select"
        aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${error ? `${id}-error` : nothing}
        @change=${(e: Event) => this.report(name, (e.target as HTMLSelectElement).value)}
      >
        ${options.map(([value, text]) => html`<option value=${value} .selected=${value === current}>${text}</option>`)}
      </select>
      ${error ? html`<p class="th-error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    const company = this.query.get('company');
    const companies: [string, string][] = this.companies.map((c) => [c.id, c.name]);
    // A shared link may name a company beyond the first page of the catalog.
    if (company && !this.companies.some((c) => c.id === company)) companies.push([company, company]);
    const qError = this.errors.q;
    return html`<form class="filters" role="search" @submit=${(e: Event) => (e.preventDefault(), this.flush())}>
      <div class="th-field search">
        <label for="filter-q">Search users</label>
        <input
          id="filter-q"
          class="th-input"
          type="search"
          maxlength="100"
          autocomplete="off"
          placeholder="Name or email"
          .value=${this.text}
          aria-invalid=${qError ? 'true' : nothing}
          aria-describedby=${qError ? 'filter-q-error' : nothing}
          @input=${this.type}
        />
        ${qError ? html`<p class="th-error" id="filter-q-error">${qError}</p>` : nothing}
      </div>
      ${this.select('status', 'Status', STATUSES)}
      ${this.select('type', 'User type', [['', 'All types'], ...TYPES.map(([t]) => [t, capitalized(t)] as const)])}
      ${this.select('role', 'Role', [['', 'All roles'], ...this.roles.map((r) => [r, r] as const)])}
      ${ctx.can('companies.read') ? this.select('company', 'Company', [['', 'All companies'], ...companies]) : nothing}
      ${this.select('sort', 'Sort by', SORTS)}
    </form>`;
  }
}

if (!customElements.get('tabhost-users-filters')) customElements.define('tabhost-users-filters', UserFilters);
