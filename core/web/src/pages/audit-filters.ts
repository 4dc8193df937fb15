// The audit log's filter bar. It holds no filter of its own: it shows the
// page's (the URL's) and, when a field is committed (changed, or Enter),
// reports the whole form as `audit-filters` (detail: URLSearchParams). The
// target and time filters sit behind "More filters", open while one is set.
import { LitElement, css, html, nothing } from 'lit';
import { kit, shared } from '../components/styles';
import { field } from '../components/form';
import { VIA_LABELS } from '../components/audit-parts';
import { icon } from '../icons';

/** The URL's filters, which are also GET /audit's parameters, in this order. */
export const FILTERS = ['action', 'actor', 'category', 'via', 'target_type', 'target_id', 'since', 'until'] as const;
const MORE: readonly string[] = ['target_type', 'target_id', 'since', 'until'];

/** Only the known filters, in FILTERS' order and without empty ones: one view, one text. */
export function filtersOf(query: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of FILTERS) {
    const value = query.get(name)?.trim();
    if (value) out.set(name, value);
  }
  return out;
}

const CATEGORIES: readonly [string, string][] = [['', 'All'], ['admin', 'Admin'], ['security', 'Security']];
const VIAS: readonly [string, string][] = [['', 'Any'], ...Object.entries(VIA_LABELS)];

const pad = (n: number) => String(n).padStart(2, '0');

/** A UTC time from the URL as a datetime-local value, in this browser's time zone. */
function localInput(utc: string | null): string {
  const at = utc ? new Date(utc) : null;
  if (!at || Number.isNaN(at.getTime())) return '';
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A datetime-local value (local time) as the API's UTC time, "2026-11-22T09:00:00Z". */
function utcOf(local: string): string {
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? '' : at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class AuditFilters extends LitElement {
  static properties = {
    query: { attribute: false },
    errors: { attribute: false },
    actorName: { attribute: false },
    more: { state: true },
  };
  static styles = [kit, shared, css`
    .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0.75rem 1rem;
      align-items: start; }
    .fields + .fields { margin-top: 0.75rem; }
    .th-field { margin: 0; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.875rem; }
    .more .icon { transition: transform 0.15s; }
    .more[aria-expanded='true'] .icon { transform: rotate(180deg); }
  `];
  /** The page's filters (as in the URL). */
  declare query: URLSearchParams;
  /** The API's refusal of a filter, by its name. */
  declare errors: Partial<Record<string, string>>;
  /** The name behind the actor filter's id, once an entry of theirs is shown. */
  declare actorName: string;
  /** The user opened "More filters". */
  declare more: boolean;

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.errors = {};
    this.actorName = '';
    this.more = false;
  }

  private report = (event: Event) => {
    event.preventDefault();
    const form = this.renderRoot.querySelector('form') as HTMLFormElement;
    const filters = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      const text = String(value).trim();
      if (text) filters.set(name, name === 'since' || name === 'until' ? utcOf(text) : text);
    }
    this.dispatchEvent(new CustomEvent('audit-filters', { detail: filtersOf(filters) }));
  };

  private clear() {
    this.dispatchEvent(new CustomEvent('audit-filters', { detail: new URLSearchParams() }));
  }

  private problem(name: string) {
    const message = this.errors[name];
    return message ? { field: name, message } : null;
  }

  private text(name: string, label: string, hint: string, placeholder = '') {
    return field({ id: `filter-${name}`, field: name, label, hints: [hint], problem: this.problem(name) }, (a11y) => html`
      <input class="th-input" id="filter-${name}" name=${name} type="text" autocomplete="off" spellcheck="false"
        maxlength="200" placeholder=${placeholder || nothing} .value=${this.query.get(name) ?? ''}
        aria-invalid=${a11y.invalid} aria-describedby=${a11y.describedBy}>`);
  }

  private select(name: string, label: string, options: readonly (readonly [string, string])[]) {
    const current = this.query.get(name) ?? '';
    // A shared link may carry a value this page does not list: keep it visible.
    const all = options.some(([value]) => value === current) ? options : [...options, [current, current] as const];
    return field({ id: `filter-${name}`, field: name, label, problem: this.problem(name) }, (a11y) => html`
      <select class="th-select" id="filter-${name}" name=${name} aria-invalid=${a11y.invalid}
        aria-describedby=${a11y.describedBy}>
        ${all.map(([value, text]) => html`<option value=${value} .selected=${value === current}>${text}</option>`)}
      </select>`);
  }

  private time(name: 'since' | 'until', label: string, hint: string) {
    return field({ id: `filter-${name}`, field: name, label, hints: [hint], problem: this.problem(name) }, (a11y) => html`
      <input class="th-input" id="filter-${name}" name=${name} type="datetime-local"
        .value=${localInput(this.query.get(name))} aria-invalid=${a11y.invalid} aria-describedby=${a11y.describedBy}>`);
  }

  render() {
    const filtered = [...this.query.keys()].length > 0;
    // A shared link's target or time filter (or its error) must show.
    const more = this.more || MORE.some((name) => this.query.has(name) || this.errors[name]);
    return html`<form role="search" aria-label="Filter the audit log" @change=${this.report} @submit=${this.report}>
      <div class="fields">
        ${this.text('action', 'Action', 'Its start: "users." finds every users action.', 'users.')}
        ${this.text('actor', 'Actor', this.actorName ? `Entries by ${this.actorName}.` : 'A user\'s id.')}
        ${this.select('category', 'Category', CATEGORIES)}
        ${this.select('via', 'How', VIAS)}
      </div>
      ${more ? html`<div class="fields" id="more-filters">
        ${this.text('target_type', 'Target type', 'What was acted on: "user", "settings"…')}
        ${this.text('target_id', 'Target id', 'As the entries show it.')}
        ${this.time('since', 'From', 'Your local time.')}
        ${this.time('until', 'Until', 'Not included.')}
      </div>` : nothing}
      <div class="actions">
        <button class="th-btn th-btn-primary" type="submit">Apply filters</button>
        ${filtered ? html`<button class="th-btn" type="button" @click=${this.clear}>Clear filters</button>` : nothing}
        ${more && !this.more ? nothing : html`<button class="th-btn th-btn-link more" type="button"
          aria-expanded=${String(more)} aria-controls=${more ? 'more-filters' : nothing}
          @click=${() => (this.more = !this.more)}>${icon('chevron')}More filters</button>`}
      </div>
    </form>`;
  }
}
customElements.define('tabhost-audit-filters', AuditFilters);
