// The generic form of a settings page (GET/PUT with ETags, docs/settings-
// pages.md): one field per definition, only the changed fields sent back.
// The shell draws it for a tab without UI code; a tab whose page is more
// than a form uses the same element in its own template (SettingsFormElement
// in the kit's .d.ts), so its values arrive with events and setValue().
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { kit, shared } from './styles';
import { field, formAlert, problemText, problemOf, type FieldA11y, type Problem } from './form';
import { humanise, phrase, when } from '../format';
import { icon } from '../icons';
import {
  EVENTS, openHistory, refresh, setUnsaved, toast, type ApiResponse, type SettingsChoice, type SettingsFormDetail,
  type SettingsPageRef, type TabContext,
} from '../kit';
import { ApiError } from '../api';
import type { SettingsBody, SettingsField } from '../types';

// An empty input, an empty list and no value are the same thing.
const normal = (value: unknown) =>
  value === '' || value === undefined || (Array.isArray(value) && !value.length) ? null : value;
const same = (a: unknown, b: unknown) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));

const INPUT_TYPES: Partial<Record<SettingsField['type'], string>> = {
  url: 'url', email: 'email', phone: 'tel', int: 'number',
};

type Input = HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement;
const target = (event: Event) => event.target as Input;

export class SettingsForm extends LitElement {
  static properties = {
    context: { attribute: false },
    page: { attribute: false },
    choices: { attribute: false },
    multiline: { attribute: false },
    data: { state: true },
    draft: { state: true },
    replacing: { state: true },
    problem: { state: true },
    stale: { state: true },
    busy: { state: true },
  };
  static styles = [kit, shared, css`
    form { max-width: 44rem; padding: 1.5rem; }
    .th-secret { flex-wrap: wrap; }
    .grow { flex: 1 1 auto; min-width: 8rem; }
    .replace { margin-top: 0.5rem; display: flex; flex-direction: column; gap: 0.25rem; }
    .replace label { font-weight: 600; font-size: 0.875rem; }
    .actions { margin-top: 1.25rem; padding-top: 1.25rem; border-top: 1px solid var(--tabhost-border); }
    .actions .muted { margin-left: auto; font-size: 0.8125rem; }
    .stale { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; }
    .stale span { flex: 1; }
  `];
  declare context: TabContext;
  declare page: SettingsPageRef;
  /** String fields offered as a list: {field: choices}. */
  declare choices: Readonly<Record<string, readonly SettingsChoice[]>>;
  /** String fields written on several lines. */
  declare multiline: readonly string[];
  declare data: SettingsBody | null;
  /** Changed fields and their new values (null: back to the default, or a secret cleared). */
  declare draft: Map<string, unknown>;
  /** Secret fields whose "Replace" input is open. */
  declare replacing: Set<string>;
  declare problem: Problem | null;
  declare stale: boolean;
  declare busy: boolean;
  private etag = '';
  /** Bumped at each load, so that the inputs start again from the loaded values. */
  private generation = 0;
  /**
   * What the inputs show: the values at load, changed only from outside the
   * inputs (setValue, a reload that keeps the typing). An input is not
   * rewritten while typed in: "1." or a list's new blank line stays as typed.
   */
  private shown: Record<string, unknown> = {};
  private reported = false;

  constructor() {
    super();
    this.data = null;
    this.draft = new Map();
    this.replacing = new Set();
    this.problem = null;
    this.stale = false;
    this.busy = false;
    this.choices = {};
    this.multiline = [];
  }

  connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** The values as they would be saved: the stored ones with the edits on top. */
  get values(): Readonly<Record<string, unknown>> {
    const secret = new Set(this.data?.fields.filter((f) => f.type === 'secret').map((f) => f.name));
    // A new secret stays in the form: the tab around it learns only that it will be set or cleared.
    const edits = [...this.draft].map(([name, value]) =>
      [name, secret.has(name) && value !== null ? '(new value)' : value]);
    return { ...this.data?.values, ...Object.fromEntries(edits) };
  }

  /** Edits a field as if typed: a tab's own control beside the form (a colour picker) sets it so. */
  setValue(name: string, value: unknown) {
    this.shown = { ...this.shown, [name]: value };
    this.set(name, value);
  }

  private async load() {
    this.data = null;
    this.problem = null;
    this.stale = false;
    try {
      this.accept(await this.context.api.request<SettingsBody>('GET', this.page.path));
    } catch (error) {
      this.problem = problemOf(error);
    }
  }

  /**
   * After a 412: the stored values again, with what the user typed kept on top
   * (an edit equal to the new stored value is no longer one).
   */
  private async reload() {
    const typed = this.draft;
    const open = this.replacing;
    await this.load();
    if (!this.data) return;
    this.replacing = new Set([...open].filter((name) => typed.has(name)));
    for (const [name, value] of typed) this.set(name, value);
    this.shown = { ...this.data.values, ...Object.fromEntries(this.draft) };
  }

  private accept(answer: ApiResponse<SettingsBody>) {
    this.data = answer.body;
    this.etag = answer.headers.get('ETag') ?? '';
    this.draft = new Map();
    this.replacing = new Set();
    this.shown = { ...answer.body.values };
    this.generation++;
    this.report();
  }

  /** Locked by the tenant's configuration ("set by your provider"). */
  private isLocked(f: SettingsField) {
    return f.locked || !!this.data?.locked.includes(f.name);
  }

  private tell(type: string) {
    const locked = this.data?.fields.filter((f) => this.isLocked(f)).map((f) => f.name) ?? [];
    const detail: SettingsFormDetail = { page: this.page.id, values: this.values, locked };
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
  }

  /** Tells the shell whether leaving would lose changes, and the tab around the form what it would save. */
  private report() {
    const dirty = this.draft.size > 0;
    if (dirty !== this.reported) setUnsaved(this, (this.reported = dirty));
    this.tell(EVENTS.settingsChange);
  }

  private set(name: string, value: unknown) {
    const draft = new Map(this.draft);
    if (same(value, this.data?.values[name])) draft.delete(name);
    else draft.set(name, value);
    this.draft = draft;
    this.report();
  }

  private async replace(name: string, open: boolean) {
    const replacing = new Set(this.replacing);
    if (open) replacing.add(name);
    else replacing.delete(name);
    this.replacing = replacing;
    if (!open) return this.set(name, this.data?.values[name]);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#setting-${name}`)?.focus();
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    if (!this.draft.size || this.busy) return;
    this.busy = true;
    this.problem = null;
    try {
      this.accept(await this.context.api.request<SettingsBody>('PUT', this.page.path, {
        body: Object.fromEntries(this.draft),
        headers: { 'If-Match': this.etag },
      }));
      toast(this, 'Saved', 'success');
      this.tell(EVENTS.settingsSaved);
      // A page may change what every page shows (the General tab's name and
      // colour are the tenant's branding): the shell reads it again.
      refresh(this);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) this.stale = true;
      else this.problem = problemOf(error);
    } finally {
      this.busy = false;
    }
  }

  private secret(f: SettingsField, id: string, locked: boolean, a11y: FieldA11y) {
    const value = this.data?.values[f.name] as string | null;
    const cleared = this.draft.has(f.name) && this.draft.get(f.name) === null;
    const replacing = this.replacing.has(f.name);
    const button = (label: string, action: () => void) =>
      html`<button class="th-btn" type="button" @click=${action}>${label}</button>`;
    return html`
      <div class="th-secret">
        <span class="th-mono grow">${value ?? 'Not set'}</span>
        ${cleared ? html`<span class="th-badge th-badge-danger">will be cleared</span>
          ${button('Undo', () => this.set(f.name, value))}` : nothing}
        ${locked || cleared || replacing ? nothing : html`${button('Replace', () => this.replace(f.name, true))}
          ${value === null ? nothing : button('Clear', () => this.set(f.name, null))}`}
      </div>
      ${replacing ? html`<div class="replace">
        <label for=${id}>New ${phrase(f.name)}</label>
        <div class="row">
          <input class="th-input grow" id=${id} type="password" autocomplete="new-password"
            aria-invalid=${a11y.invalid} aria-describedby=${a11y.describedBy}
            .value=${this.replacing.has(f.name) && this.shown[f.name] !== value ? String(this.shown[f.name] ?? '') : ''}
            @input=${(e: Event) => this.set(f.name, target(e).value || value)}>
          ${button('Cancel', () => this.replace(f.name, false))}
        </div>
      </div>` : nothing}`;
  }

  private control(f: SettingsField, id: string, locked: boolean, a11y: FieldA11y): TemplateResult {
    const value = this.shown[f.name];
    const choices = f.type === 'enum' ? f.choices.map((c) => ({ value: c, label: c })) : this.choices[f.name];
    // Announced, not enforced by the browser: a native `required` would keep the other fields from being
    // saved while a required one is still unset. The server checks the values.
    const required = f.required ? 'true' : nothing;
    if (f.type === 'secret') return this.secret(f, id, locked, a11y);
    if (f.type === 'bool')
      return html`<input type="checkbox" id=${id} .checked=${value === true} ?disabled=${locked}
        aria-invalid=${a11y.invalid} aria-describedby=${a11y.describedBy}
        @change=${(e: Event) => this.set(f.name, target(e).checked)}>`;
    if (choices) {
      // A stored value the list no longer offers stays visible, named as such.
      const known = value == null || choices.some((c) => c.value === value);
      return html`<select class="th-select" id=${id} ?disabled=${locked} aria-required=${required}
        aria-invalid=${a11y.invalid} aria-describedby=${a11y.describedBy}
        @change=${(e: Event) => this.set(f.name, target(e).value || null)}>
        ${value == null || !f.required ? html`<option value="" ?selected=${value == null}>—</option>` : nothing}
        ${known ? nothing : html`<option .value=${String(value)} selected>${String(value)} (not offered)</option>`}
        ${choices.map((c) => html`<option .value=${c.value} ?selected=${c.value === value}>${c.label}</option>`)}
      </select>`;
    }
    if (f.type === 'string' && this.multiline.includes(f.name))
      return html`<textarea class="th-textarea" id=${id} rows="6" ?disabled=${locked} aria-required=${required}
        aria-invalid=${a11y.invalid} aria-describedby=${a11y.describedBy}
        .value=${value === null || value === undefined ? '' : String(value)}
        @input=${(e: Event) => this.set(f.name, target(e).value || null)}></textarea>`;
    if (f.type === 'list')
      return html`<textarea class="th-textarea" id=${id} rows="4" ?disabled=${locked} aria-required=${required}
        aria-invalid=${a11y.invalid} aria-describedby=${a11y.describedBy}
        .value=${Array.isArray(value) ? value.join('\n') : ''}
        @input=${(e: Event) => this.set(f.name, target(e).value.split('\n').map((s) => s.trim()).filter(Boolean))}
      ></textarea>`;
    return html`<input class="th-input" id=${id} type=${INPUT_TYPES[f.type] ?? 'text'} ?disabled=${locked}
      min=${f.type === 'int' && f.min !== null ? f.min : nothing}
      max=${f.type === 'int' && f.max !== null ? f.max : nothing}
      aria-required=${required} aria-invalid=${a11y.invalid} aria-describedby=${a11y.describedBy}
      .value=${value === null || value === undefined ? '' : String(value)}
      @input=${(e: Event) => {
        const text = target(e).value;
        this.set(f.name, f.type === 'int' && text !== '' ? Number(text) : text || null);
      }}>`;
  }

  private field(f: SettingsField) {
    const id = `setting-${f.name}`;
    const locked = this.isLocked(f);
    return field({
      id,
      field: f.name,
      label: html`${humanise(f.name)}${f.required ? html` <span class="req">(required)</span>` : nothing}`,
      hints: [f.type === 'list' && 'One per line.', f.description, locked && 'Locked — set by your provider'],
      problem: this.problem,
      inline: f.type === 'bool',
      group: f.type === 'secret',
    }, (a11y) => this.control(f, id, locked, a11y));
  }

  render() {
    const data = this.data;
    if (!data) {
      if (this.problem) return html`<div class="th-card" role="alert">
        <p>${problemText(this.problem)}</p>
        <button class="th-btn" type="button" @click=${this.load}>Try again</button></div>`;
      return html`<div class="th-card" aria-busy="true">
        ${[1, 2, 3].map(() => html`<span class="th-skeleton wide"></span><span class="th-skeleton tall"></span>`)}
      </div>`;
    }
    return html`<form class="th-card" @submit=${this.save}>
      ${this.stale ? html`<div class="th-alert th-alert-warning stale" role="alert">
        <span>These settings were changed elsewhere since you opened them.</span>
        <button class="th-btn" type="button" @click=${this.reload}>Reload</button></div>` : nothing}
      ${formAlert(this.problem, data.fields.map((f) => f.name))}
      ${keyed(this.generation, html`<div>${data.fields.map((f) => this.field(f))}</div>`)}
      <div class="actions row">
        <button class="th-btn th-btn-primary" ?disabled=${!this.draft.size || this.busy}>Save</button>
        ${this.context.can('audit.read') ? html`<button class="th-btn" type="button"
          @click=${() => openHistory(this, 'settings', this.page.id, this.page.title)}>${icon('history')}History</button>`
          : nothing}
        ${data.updated_at ? html`<span class="muted">Updated ${when(data.updated_at)}</span>` : nothing}
      </div>
    </form>`;
  }
}
customElements.define('tabhost-settings-form', SettingsForm);
