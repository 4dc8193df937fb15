// The audit log (host view, for holders of audit.read): the chain's check,
// filters kept in the URL (a view survives reload and can be shared), the
// entries newest first in cursor pages, and the current filter's export.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { kit, shared } from '../components/styles';
import { problemOf, problemText, type Problem } from '../components/form';
import { actorName, type AuditEntry } from '../components/audit-parts';
import { icon } from '../icons';
import { navigate } from '../kit';
import type { Me, Services } from '../types';
import { FILTERS, filtersOf } from './audit-filters';
import { chainStatus, type Verdict, type VerifyState } from './audit-verify';
import type { Narrowing } from './audit-entry';
import './audit-filters';
import './audit-entry';

const PAGE_SIZE = 50;
export const AUDIT_READ = 'audit.read';

interface Page {
  items: AuditEntry[];
  next_cursor: string | null;
}

export class AuditPage extends LitElement {
  static properties = {
    services: { attribute: false },
    me: { attribute: false },
    query: { attribute: false },
    filters: { state: true },
    items: { state: true },
    next: { state: true },
    loading: { state: true },
    loadError: { state: true },
    filterErrors: { state: true },
    chain: { state: true },
  };
  static styles = [kit, shared, css`
    :host { display: flex; flex-direction: column; gap: 1.25rem; }
    .th-toolbar { margin: 0; }
    .th-toolbar p { margin: 0; }
    .chain { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.25rem 1rem;
      margin: 0; }
    .chain p { margin: 0; }
    /* On the alert's own colours: a tenant's primary (a light yellow) may not read there. */
    .chain .th-btn-link { color: inherit; text-decoration: underline; }
    .chain:not([class*='th-alert-']) { border-color: var(--tabhost-border); background: var(--tabhost-surface); }
    .filters { padding: 1rem 1.25rem; }
    ol { list-style: none; margin: 0; padding: 0; }
    li { padding: 0.875rem 1.25rem; border-bottom: 1px solid var(--tabhost-border); }
    li:last-child { border-bottom: 0; }
    .entries { padding: 0; overflow: hidden; }
    .entries.stale { opacity: 0.6; }
    .entries .th-empty { padding: 2rem 1rem; }
    .more { display: flex; justify-content: center; }
    @media (max-width: 640px) { li { padding: 0.75rem 1rem; } .filters { padding: 1rem; } }
  `];
  declare services: Services;
  declare me: Me;
  /** The address's query string ("action=users.&via=token"). */
  declare query: string;
  declare filters: URLSearchParams;
  /** null until the first answer: the skeleton shows meanwhile. */
  declare items: AuditEntry[] | null;
  declare next: string | null;
  /** A request is on its way (the entries shown are the previous answer's). */
  declare loading: boolean;
  declare loadError: Problem | null;
  /** The API's refusal of a filter, shown beside it. */
  declare filterErrors: Record<string, string>;
  declare chain: VerifyState;

  /** The filters the entries are for, as text; null before the first load. */
  #key: string | null = null;
  /** Counts list requests: only the latest one's answer is shown. */
  #seq = 0;
  #controller?: AbortController;
  #verifies = 0;

  constructor() {
    super();
    this.query = '';
    this.filters = new URLSearchParams();
    this.items = null;
    this.next = null;
    this.loading = false;
    this.loadError = null;
    this.filterErrors = {};
    this.chain = { checking: true };
  }

  private get allowed() {
    return this.me.permissions.includes(AUDIT_READ);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#controller?.abort();
  }

  // The shell sets the query on every move: load when the URL's filters are
  // not the entries' (the first time, Back, a link from a history drawer).
  protected willUpdate(changed: PropertyValues<this>) {
    if (!(changed.has('query') || changed.has('me')) || !this.allowed) return;
    if (!this.#verifies) void this.verify();
    const filters = filtersOf(new URLSearchParams(this.query));
    if (filters.toString() === this.#key) return;
    this.filters = filters;
    void this.load();
  }

  /** The first page for the current filters, or the next one after `cursor`. */
  private async load(cursor: string | null = null) {
    // A newer request makes the older one moot: abort it, and ignore its answer.
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    const seq = ++this.#seq;
    const filters = this.filters;
    this.#key = filters.toString();
    this.loading = true;
    try {
      const page = await this.services.api.get<Page>('/audit', {
        query: { ...Object.fromEntries(filters), limit: PAGE_SIZE, cursor: cursor ?? undefined },
        signal: controller.signal,
      });
      if (seq !== this.#seq) return;
      this.items = cursor ? [...(this.items ?? []), ...page.items] : page.items;
      this.next = page.next_cursor;
      this.loadError = null;
      this.filterErrors = {};
    } catch (error) {
      if (seq !== this.#seq) return; // superseded: its abort is no failure
      const problem = problemOf(error);
      if (problem.field && (FILTERS as readonly string[]).includes(problem.field)) {
        this.filterErrors = { [problem.field]: problem.message };
        this.loadError = null;
      } else {
        this.loadError = problem;
      }
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  private async verify() {
    const run = ++this.#verifies;
    this.chain = { checking: true };
    try {
      const verdict = await this.services.api.get<Verdict>('/audit/verify');
      if (run === this.#verifies) this.chain = { checking: false, verdict };
    } catch (error) {
      if (run === this.#verifies) this.chain = { checking: false, problem: problemOf(error) };
    }
  }

  private setFilters(filters: URLSearchParams) {
    // Enter in a field is both its change and the form's submission: one load.
    if (filtersOf(filters).toString() === this.#key && !this.loadError) return;
    this.filters = filtersOf(filters);
    this.filterErrors = {};
    void this.load();
    // The URL follows without a history entry of its own; the query it
    // brings back has the same filters, so it loads nothing more.
    const query = this.filters.toString();
    navigate(this, query ? `audit?${query}` : 'audit', { replace: true });
  }

  private onNarrow(event: CustomEvent<Narrowing>) {
    const filters = new URLSearchParams(this.filters);
    for (const [name, value] of Object.entries(event.detail)) filters.set(name, value);
    this.setFilters(filters);
  }

  private async loadMore(event: Event) {
    const button = event.currentTarget as HTMLElement;
    const shown = this.items?.length ?? 0;
    await this.load(this.next);
    await this.updateComplete;
    // The button goes with the last page: then the first new entry takes the focus.
    if (!button.isConnected) {
      const entry = this.renderRoot.querySelectorAll('tabhost-audit-entry')[shown];
      entry?.shadowRoot?.querySelector<HTMLElement>('.toggle')?.focus();
    }
  }

  private refresh() {
    void this.verify();
    void this.load();
  }

  private exportLink(format: 'csv' | 'ndjson', label: string) {
    const query = new URLSearchParams(this.filters);
    query.set('format', format);
    // A plain download (the session cookie goes with it): the server streams the file.
    return html`<a class="th-btn" href="${this.services.base}api/v1/audit/export?${query}" download
      >${icon('download')}${label}<span class="th-visually-hidden"> of the entries these filters show</span></a>`;
  }

  /** The actor filter's name, from an entry of theirs on the page. */
  private filteredActorName() {
    const id = this.filters.get('actor');
    const entry = id ? this.items?.find((e) => e.actor?.id === id) : undefined;
    return entry ? actorName(entry) : '';
  }

  private entries() {
    if (this.loadError)
      return html`<div class="th-alert th-alert-error" role="alert">
        <p>Could not load the audit log: ${problemText(this.loadError)}</p>
        <button class="th-btn" type="button" @click=${() => this.load()}>Retry</button>
      </div>`;
    if (Object.keys(this.filterErrors).length)
      return html`<p class="th-card th-empty">Correct the filter marked above to see entries.</p>`;
    if (!this.items)
      return html`<div class="th-card" aria-busy="true"><span class="th-skeleton wide"></span>
        <span class="th-skeleton"></span><span class="th-skeleton wide"></span></div>`;
    const filtered = [...this.filters.keys()].length > 0;
    if (!this.items.length)
      return html`<div class="th-card th-empty">
        <p>${filtered ? 'No entries match these filters.' : 'Nothing has been recorded yet.'}</p>
        ${filtered
          ? html`<button class="th-btn" type="button" @click=${() => this.setFilters(new URLSearchParams())}>
              Clear filters</button>`
          : nothing}
      </div>`;
    const chain = this.chain;
    const broken = !chain.checking && 'verdict' in chain && !chain.verdict.ok ? chain.verdict.first_bad_seq : undefined;
    return html`<ol class="th-card entries ${this.loading ? 'stale' : ''}" aria-label="Entries, newest first"
        aria-busy=${this.loading ? 'true' : 'false'} @audit-narrow=${this.onNarrow}>
        ${repeat(this.items, (e) => e.seq, (e) => html`<li>
          <tabhost-audit-entry .entry=${e} ?broken=${e.seq === broken}></tabhost-audit-entry></li>`)}
      </ol>
      ${this.next
        ? html`<div class="more">
            <button class="th-btn" type="button" ?disabled=${this.loading} @click=${this.loadMore}>Load more</button>
          </div>`
        : nothing}`;
  }

  render() {
    if (!this.allowed)
      return html`<div class="th-card" role="alert">
        <p>You do not have access to the audit log: it needs the ${AUDIT_READ} permission, which an
          administrator of ${this.me.tenant.name} can give you.</p>
        <a class="th-btn" href=${this.services.base}>Go to Overview</a>
      </div>`;
    const count = this.items
      ? `${this.items.length.toLocaleString()}${this.next ? ' or more' : ''} entries shown`
      : '';
    return html`
      <div class="th-toolbar">
        <p class="th-grow">Everything done in ${this.me.tenant.name}, newest first. Each entry seals the one
          before it, so a change to the stored log shows.</p>
        ${Object.keys(this.filterErrors).length
          ? nothing
          : html`${this.exportLink('csv', 'Export CSV')}${this.exportLink('ndjson', 'Export NDJSON')}`}
        <button class="th-btn" type="button" @click=${this.refresh}>Refresh</button>
      </div>
      ${chainStatus(this.chain, () => void this.verify())}
      <div class="th-card filters">
        <tabhost-audit-filters .query=${this.filters} .errors=${this.filterErrors}
          .actorName=${this.filteredActorName()}
          @audit-filters=${(event: CustomEvent<URLSearchParams>) => this.setFilters(event.detail)}>
        </tabhost-audit-filters>
      </div>
      <p class="th-visually-hidden" role="status">${this.loading ? '' : count}</p>
      ${this.entries()}`;
  }
}
customElements.define('tabhost-audit', AuditPage);
