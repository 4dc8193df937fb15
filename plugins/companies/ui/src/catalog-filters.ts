// The catalog's filter bar: search (debounced briefly, to spare a request
// per key; the list aborts an older request and ignores its answer), status,
// country, industry, verified call tree and sort. It holds no filter of its
// own: it shows the list's (the URL's) and reports changes as
// companies-filter {name, value}; "" means none.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { countryOptions } from './countries.js';
import { emit } from './shared.js';

const DEBOUNCE_MS = 150;

export interface FilterChange {
  name: string;
  value: string;
}

const STATUSES: readonly [string, string][] = [
  ['', 'Any status'],
  ['pending', 'Pending review'],
  ['verified', 'Verified'],
  ['rejected', 'Rejected'],
];

const VERIFIED: readonly [string, string][] = [
  ['', 'Any'],
  ['true', 'Verified'],
  ['false', 'Not verified'],
];

/** The sorts; with a search the first is by relevance (the API's default then). */
function sorts(searching: boolean): [string, string][] {
  return [
    ['', searching ? 'Best match' : 'Newest first'],
    ...(searching ? [['newest', 'Newest first'] as [string, string]] : []),
    ['oldest', 'Oldest first'],
    ['name', 'Name, A to Z'],
    ['-name', 'Name, Z to A'],
  ];
}

class CatalogFilters extends LitElement {
  static properties = {
    query: { attribute: false },
    industries: { attribute: false },
    errors: { attribute: false },
    text: { state: true },
  };
  /** The list's filters (as in the URL). */
  declare query: URLSearchParams;
  /** The industries in use (GET /companies/industries). */
  declare industries: readonly string[];
  /** The API's refusal of a filter, by its name (q, country, ...). */
  declare errors: Partial<Record<string, string>>;
  /** The search box, ahead of the URL while the debounce runs. */
  declare text: string;

  /** The search last reported: a URL with another one was changed elsewhere (Back). */
  #reported = '';
  #timer = 0;

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.industries = [];
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
    emit<FilterChange>(this, 'companies-filter', { name, value });
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
    // A shared link may name a value the list lacks: it stays shown.
    const all = current && !options.some(([v]) => v === current) ? [...options, [current, current] as const] : options;
    return html`<div class="th-field">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        class="th-select"
        aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${error ? `${id}-error` : nothing}
        @change=${(e: Event) => this.report(name, (e.target as HTMLSelectElement).value)}
      >
        ${all.map(([value, text]) => html`<option value=${value} .selected=${value === current}>${text}</option>`)}
      </select>
      ${error ? html`<p class="th-error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  }

  protected render() {
    const qError = this.errors.q;
    const searching = Boolean(this.query.get('q'));
    return html`<form class="filters" role="search" @submit=${(e: Event) => (e.preventDefault(), this.flush())}>
      <div class="th-field search">
        <label for="filter-q">Search companies</label>
        <input
          id="filter-q"
          class="th-input"
          type="search"
          maxlength="100"
          autocomplete="off"
          placeholder="Name, domain, city…"
          .value=${this.text}
          aria-invalid=${qError ? 'true' : nothing}
          aria-describedby=${qError ? 'filter-q-error' : nothing}
          @input=${this.type}
        />
        ${qError ? html`<p class="th-error" id="filter-q-error">${qError}</p>` : nothing}
      </div>
      ${this.select('status', 'Status', STATUSES)}
      ${this.select('country', 'Country', [['', 'Any country'], ...countryOptions('')])}
      ${this.select('industry', 'Industry', [['', 'Any industry'], ...this.industries.map((i) => [i, i] as const)])}
      ${this.select('call_tree_verified', 'Call tree', VERIFIED)}
      ${this.select('sort', 'Sort by', sorts(searching))}
    </form>`;
  }
}

if (!customElements.get('tabhost-companies-filters')) customElements.define('tabhost-companies-filters', CatalogFilters);
