// The company a number is routed to: a searchable list (an ARIA combobox)
// of the companies that have a call tree, the only ones that can answer a
// call. Renders into the tab's shadow root; tells its form with the
// bubbling `voice-routing` event (detail: the Routing, or null for none).
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { problemOf, problemText, type Problem, type Routing } from './shared.js';

/** The companies asked for per search; the catalog's API allows up to 200. */
const LIMIT = 50;
/** Typing pauses this long before a search goes out. */
const WAIT_MS = 200;

/** A company as GET /companies lists it: only what the picker reads. */
interface CatalogCompany {
  id: string;
  name: string;
  domain: string | null;
  call_tree: unknown;
  call_tree_verified: boolean;
}

interface Hit extends Routing {
  domain: string | null;
  verified: boolean;
}

class CompanyPicker extends LitElement {
  static properties = {
    context: { attribute: false },
    value: { attribute: false },
    inputId: { attribute: false },
    error: { attribute: false },
    text: { state: true },
    hits: { state: true },
    partial: { state: true },
    expanded: { state: true },
    active: { state: true },
    searching: { state: true },
    problem: { state: true },
  };
  declare context?: TabContext;
  /** The chosen company; null: not routed. */
  declare value: Routing | null;
  declare inputId: string;
  /** The API's refusal of the routing (company_id), shown under the field. */
  declare error: string;
  declare text: string;
  declare hits: Hit[];
  /** The catalog had more matches than one search reads: some companies may be missing from the list. */
  declare partial: boolean;
  declare expanded: boolean;
  /** The option the arrow keys are on; -1 for none. */
  declare active: number;
  declare searching: boolean;
  declare problem: Problem | null;

  /** The text the hits are for; undefined before the first search. */
  #searched?: string;
  #seq = 0;
  #controller?: AbortController;
  #timer = 0;

  constructor() {
    super();
    this.value = null;
    this.inputId = 'company';
    this.error = '';
    this.text = '';
    this.hits = [];
    this.partial = false;
    this.expanded = false;
    this.active = -1;
    this.searching = false;
    this.problem = null;
  }

  protected createRenderRoot() {
    return this;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#controller?.abort();
  }

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('hits')) this.active = -1;
  }

  private async search() {
    const ctx = this.context;
    if (!ctx) return;
    const q = this.text.trim();
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    const seq = ++this.#seq;
    this.#searched = q;
    this.searching = true;
    try {
      const page = await ctx.api.get<{ items: CatalogCompany[]; next_cursor: string | null }>('/companies', {
        query: { q: q || undefined, sort: q ? undefined : 'name', limit: LIMIT },
        signal: controller.signal,
      });
      if (seq !== this.#seq) return;
      // The catalog's API has no filter for "has a call tree" (call_tree_verified
      // would leave out trees not yet reviewed, which can route calls): filtered here.
      this.hits = page.items
        .filter((c) => c.call_tree !== null)
        .map((c) => ({ id: c.id, name: c.name, domain: c.domain, verified: c.call_tree_verified }));
      this.partial = page.next_cursor !== null;
      this.problem = null;
    } catch (err) {
      if (seq !== this.#seq) return;
      this.hits = [];
      this.problem = problemOf(err);
    } finally {
      if (seq === this.#seq) this.searching = false;
    }
  }

  private onInput(e: Event) {
    this.text = (e.target as HTMLInputElement).value;
    this.expanded = true;
    clearTimeout(this.#timer);
    this.#timer = window.setTimeout(() => void this.search(), WAIT_MS);
  }

  private expand() {
    this.expanded = true;
    if (this.#searched === undefined) void this.search();
  }

  private onKey(e: KeyboardEvent) {
    const n = this.hits.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!this.expanded) return this.expand();
      if (!n) return;
      this.active = e.key === 'ArrowDown' ? (this.active + 1) % n : this.active <= 0 ? n - 1 : this.active - 1;
    } else if (e.key === 'Enter' && this.expanded) {
      // Enter picks from the open list; it does not submit the form around it.
      e.preventDefault();
      if (this.active >= 0) this.choose(this.hits[this.active]);
    } else if (e.key === 'Escape' && this.expanded) {
      e.preventDefault();
      this.expanded = false;
    }
  }

  private onFocusOut(e: FocusEvent) {
    if (!this.contains(e.relatedTarget as Node | null)) this.expanded = false;
  }

  private choose(routing: Routing | null) {
    this.expanded = false;
    this.text = '';
    this.value = routing && { id: routing.id, name: routing.name };
    this.dispatchEvent(new CustomEvent('voice-routing', { detail: this.value, bubbles: true }));
    this.querySelector<HTMLInputElement>(`#${this.inputId}`)?.focus();
  }

  private option(hit: Hit, i: number) {
    return html`<li role="option" id="${this.inputId}-option-${i}" aria-selected=${i === this.active ? 'true' : 'false'}
      class=${i === this.active ? 'active' : ''}
      @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.choose(hit)}>
      <span class="option-name">${hit.name}</span>
      <span class="th-hint">${hit.domain ?? ''}${hit.verified ? '' : ' · call tree not yet verified'}</span>
    </li>`;
  }

  private status() {
    if (this.searching) return 'Searching…';
    if (this.problem) return problemText(this.problem);
    if (this.#searched === undefined) return '';
    if (!this.hits.length) return this.#searched ? 'No company with a call tree matches.' : 'No company has a call tree yet.';
    const more = this.partial ? ` among the first ${LIMIT} matches: type more of the name to find others` : '';
    return `${this.hits.length} ${this.hits.length === 1 ? 'company' : 'companies'} with a call tree${more}.`;
  }

  protected render() {
    const ctx = this.context;
    const id = this.inputId;
    const searchable = Boolean(ctx?.can('companies.read'));
    const describedBy = [`${id}-chosen`, `${id}-hint`, this.error && `${id}-error`].filter(Boolean).join(' ');
    return html`<div class="th-field picker" @focusout=${this.onFocusOut}>
      ${searchable ? html`<label for=${id}>Routed to</label>` : html`<span class="th-label">Routed to</span>`}
      <p class="chosen" id="${id}-chosen">
        ${this.value
          ? html`<strong>${this.value.name}</strong>
              <button type="button" class="th-btn th-btn-link" @click=${() => this.choose(null)}>Remove routing</button>`
          : 'Not routed to a company.'}
      </p>
      ${searchable
        ? html`<div class="combo">
            <input id=${id} class="th-input" type="search" role="combobox" autocomplete="off" maxlength="100"
              placeholder="Search companies by name" aria-autocomplete="list" aria-controls="${id}-list"
              aria-expanded=${this.expanded ? 'true' : 'false'}
              aria-activedescendant=${this.active >= 0 ? `${id}-option-${this.active}` : nothing}
              aria-invalid=${this.error ? 'true' : nothing} aria-describedby=${describedBy}
              .value=${this.text} @input=${this.onInput} @keydown=${this.onKey} @click=${this.expand}>
            <ul id="${id}-list" role="listbox" aria-label="Companies with a call tree" class="options"
              ?hidden=${!this.expanded || !this.hits.length}>
              ${this.hits.map((hit, i) => this.option(hit, i))}
            </ul>
          </div>
          <p class="th-hint" id="${id}-hint">
            Only a company with a call tree can answer calls.
            <span role="status">${this.expanded ? this.status() : ''}</span>
          </p>`
        : html`<p class="th-hint" id="${id}-hint">Choosing a company needs the permission to see companies.</p>`}
      ${this.error ? html`<p class="th-error" id="${id}-error">${this.error}</p>` : nothing}
    </div>`;
  }
}

if (!customElements.get('tabhost-voice-company-picker'))
  customElements.define('tabhost-voice-company-picker', CompanyPicker);
export type { CompanyPicker };
