// The catalog view: stat cards, the filter bar, the companies in cursor
// pages, and the way to the review queue, the import and the export.
// Filters live in the URL, so a view survives reload and can be shared.
// Renders into the tab's shadow root (no shadow root of its own).
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { navigate, problemOf, problemText, type Problem, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { skeletonRows } from '../../../common/ui/src/table-parts.js';
import { follow } from '../../../common/ui/src/links.js';
import './catalog-filters.js';
import type { FilterChange } from './catalog-filters.js';
import { logo } from './logo.js';
import { countryName } from './countries.js';
import { industries, listView, mayChange, statusBadge, type Company, type Page } from './shared.js';
import type { StatCards } from './stat-cards.js';
import './stat-cards.js';

const PAGE_SIZE = 50;
/** The URL's filters, which are also the API's parameters. */
const FILTERS = ['q', 'status', 'country', 'industry', 'call_tree_verified', 'sort'] as const;
/** The domain shows under the name, as the Users tab shows an email under a name. */
const COLUMNS = ['Company', 'Status', 'Industry', 'Location', 'Size', 'Followers', 'Call tree'];

/**
 * The URL's filters in FILTERS' order. Without a search, relevance means
 * nothing (the API refuses it) and newest is the default; with one, the
 * default is relevance: each is left out, so that one view has one URL.
 */
function filtersOf(query: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of FILTERS) {
    const value = query.get(name);
    if (value) out.set(name, value);
  }
  const sort = out.get('sort');
  if (sort === 'relevance' || (sort === 'newest' && !out.get('q'))) out.delete('sort');
  return out;
}

/** The filters that select companies (the sort only orders them): also the export's query. */
function selecting(filters: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(filters);
  out.delete('sort');
  return out;
}

function apiQuery(filters: URLSearchParams, cursor: string | null) {
  const query: Record<string, string | number> = { limit: PAGE_SIZE };
  for (const [name, value] of filters) query[name] = value;
  if (cursor) query.cursor = cursor;
  return query;
}

function location(c: Company) {
  const parts = [c.address.city, c.address.country ? countryName(c.address.country) : null].filter(Boolean);
  return parts.length ? parts.join(', ') : html`<span class="th-hint">—</span>`;
}

function callTree(c: Company) {
  if (!c.call_tree) return html`<span class="th-hint">None</span>`;
  return c.call_tree_verified
    ? html`<span class="th-badge th-badge-success">Verified</span>`
    : html`<span class="th-badge">Not verified</span>`;
}

class Catalog extends LitElement {
  static properties = {
    context: { attribute: false },
    filters: { state: true },
    items: { state: true },
    next: { state: true },
    loading: { state: true },
    loadError: { state: true },
    filterErrors: { state: true },
    industryList: { state: true },
  };
  declare context?: TabContext;
  declare filters: URLSearchParams;
  /** null until the first answer: the skeleton shows meanwhile. */
  declare items: Company[] | null;
  declare next: string | null;
  /** A request is on its way (the rows shown are the previous answer's). */
  declare loading: boolean;
  declare loadError: Problem | null;
  /** The API's refusal of a filter, shown beside it. */
  declare filterErrors: Record<string, string>;
  declare industryList: string[];

  /** Whether the last context let the user read companies; undefined before the first. */
  #readable?: boolean;
  /** The filters the rows are for, as text: a context with others loads again. */
  #key = '';
  /** Counts list requests: only the latest one's answer is shown. */
  #seq = 0;
  #controller?: AbortController;

  constructor() {
    super();
    this.filters = new URLSearchParams();
    this.items = null;
    this.next = null;
    this.loading = false;
    this.loadError = null;
    this.filterErrors = {};
    this.industryList = [];
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
    const readable = ctx.can('companies.read');
    const fresh = readable && !this.#readable;
    this.#readable = readable;
    if (!readable) return;
    const filters = filtersOf(ctx.route.query);
    listView.query = filters.toString();
    if (fresh) void industries(ctx).then((list) => (this.industryList = list));
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
    this.loading = true;
    try {
      const page = await ctx.api.get<Page<Company>>('/companies', {
        query: apiQuery(filters, cursor),
        signal: controller.signal,
      });
      if (seq !== this.#seq) return;
      this.items = cursor ? [...(this.items ?? []), ...page.items] : page.items;
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

  private refresh() {
    void this.querySelector<StatCards>('tabhost-companies-stats')?.reload();
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

  private row(ctx: TabContext, c: Company) {
    const path = `${ctx.route.tab}/${encodeURIComponent(c.id)}`;
    return html`<tr>
      <td data-label="Company">
        <div class="who">
          ${logo(c)}
          <div class="who-text">
            <a class="name th-truncate" href="${ctx.tenant.base}${path}" @click=${(e: MouseEvent) => follow(e, this, path)}
              >${c.name}</a
            >
            <div class="th-hint th-truncate th-mono" title=${c.domain}>${c.domain}</div>
          </div>
        </div>
      </td>
      <td data-label="Status">${statusBadge(c.status)}</td>
      <td data-label="Industry">${c.industry ?? html`<span class="th-hint">—</span>`}</td>
      <td data-label="Location">${location(c)}</td>
      <td data-label="Size" class="nowrap">${c.size ?? html`<span class="th-hint">—</span>`}</td>
      <td data-label="Followers" class="th-num">${c.followers_count.toLocaleString()}</td>
      <td data-label="Call tree">${callTree(c)}</td>
    </tr>`;
  }

  private table(ctx: TabContext) {
    if (this.loadError) {
      return html`<div class="th-alert th-alert-error" role="alert" tabindex="-1">
        <p>${problemText(this.loadError)}</p>
        <button type="button" class="th-btn" @click=${this.refresh}>Retry</button>
      </div>`;
    }
    if (Object.keys(this.filterErrors).length)
      return html`<p class="th-empty">Correct the filter marked above to see companies.</p>`;
    if (this.items?.length === 0) {
      const filtered = selecting(this.filters).toString() !== '';
      return html`<div class="th-empty" tabindex="-1">
        <p>${filtered ? 'No companies match these filters.' : 'No companies yet.'}</p>
        ${filtered
          ? html`<button type="button" class="th-btn" @click=${() => this.setFilters(new URLSearchParams())}>
              Clear filters
            </button>`
          : nothing}
      </div>`;
    }
    return html`<div class="th-table-wrap" tabindex="-1">
        <table class="th-table th-stack" aria-busy=${this.loading ? 'true' : 'false'}>
          <caption class="th-visually-hidden">Companies</caption>
          <thead>
            <tr>
              ${COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}
            </tr>
          </thead>
          <tbody class=${this.loading && this.items ? 'stale' : ''}>
            ${this.items ? this.items.map((c) => this.row(ctx, c)) : skeletonRows(COLUMNS)}
          </tbody>
        </table>
      </div>
      ${this.next
        ? html`<div class="more">
            <button type="button" class="th-btn" ?disabled=${this.loading} @click=${this.loadMore}>Load more</button>
          </div>`
        : nothing}`;
  }

  /**
   * The export of the rows' filters, or of the whole catalog without any. A
   * plain download (a same-origin GET with the session's cookie): the browser
   * saves the streamed CSV itself; the API client reads JSON. Hidden while a
   * filter is refused, which the export would refuse too, and when no company matches.
   */
  private exportLink(ctx: TabContext) {
    if (Object.keys(this.filterErrors).length) return nothing;
    const filters = selecting(this.filters);
    let text = 'Export all';
    if (filters.toString()) {
      // The number is known once the last page is in (the API counts nothing).
      const shown = this.loading || this.next ? null : this.items;
      if (shown?.length === 0) return nothing; // nothing matches: nothing to export
      if (!shown) text = 'Export the matching companies';
      else text = shown.length === 1 ? 'Export this company' : `Export these ${shown.length.toLocaleString()} companies`;
    }
    filters.set('format', 'csv');
    return html`<a class="th-btn" href="${ctx.tenant.base}api/v1/companies/export?${filters}" download="companies.csv"
      >${text}</a
    >`;
  }

  private toolbar(ctx: TabContext) {
    const tab = ctx.route.tab;
    const link = (to: string, text: string) =>
      html`<a class="th-btn" href="${ctx.tenant.base}${tab}/${to}" @click=${(e: MouseEvent) => follow(e, this, `${tab}/${to}`)}
        >${text}</a
      >`;
    return html`<div class="th-toolbar">
      <p class="th-grow">The companies in the catalog.</p>
      ${mayChange(ctx, 'companies.review') ? link('review', 'Review queue') : nothing}
      ${mayChange(ctx, 'companies.import') ? link('import', 'Import CSV') : nothing}
      ${ctx.can('companies.import') ? this.exportLink(ctx) : nothing}
      <button type="button" class="th-btn" @click=${this.refresh}>Refresh</button>
      ${mayChange(ctx, 'companies.write')
        ? html`<a class="th-btn th-btn-primary" href="${ctx.tenant.base}${tab}/new"
            @click=${(e: MouseEvent) => follow(e, this, `${tab}/new`)}>Add company</a>`
        : nothing}
    </div>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    if (!ctx.can('companies.read')) return html`<p class="th-empty">You do not have permission to see companies.</p>`;
    const count = this.items
      ? `${this.items.length.toLocaleString()}${this.next ? ' or more' : ''} companies shown`
      : '';
    return html`${this.toolbar(ctx)}
      <tabhost-companies-stats .context=${ctx}></tabhost-companies-stats>
      <tabhost-companies-filters
        .query=${this.filters}
        .industries=${this.industryList}
        .errors=${this.filterErrors}
        @companies-filter=${this.onFilter}
      ></tabhost-companies-filters>
      <p class="th-visually-hidden" role="status">${this.loading ? '' : count}</p>
      ${this.table(ctx)}`;
  }
}

if (!customElements.get('tabhost-companies-catalog')) customElements.define('tabhost-companies-catalog', Catalog);
