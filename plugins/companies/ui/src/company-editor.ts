// A company's page (route {id}) and "Add a company" (route new): one form in
// sections (identity, location, size, support details, call handling with
// the call-tree editor). What the API would refuse is marked before sending;
// what it refuses shows beside the field, or on the call-tree entry, its
// error names. Editing sends only what changed. Renders into the tab's
// shadow root.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import {
  localTime,
  navigate,
  openHistory,
  problemOf,
  problemText,
  setTitle,
  setUnsaved,
  toast,
  type Problem,
  type TabContext,
} from '../../../../sdk/ui/tabhost-ui.js';
import { follow } from '../../../common/ui/src/links.js';
import { alertOf } from '../../../common/ui/src/page-parts.js';
import { newMenu, serverProblem, type Sent, type TreeProblem } from './call-tree.js';
import './call-tree-editor.js';
import {
  SIZE_BANDS,
  changesBody,
  createBody,
  draftOf,
  fieldProblems,
  fingerprint,
  treeProblems,
  type Draft,
  type TextField,
} from './company-draft.js';
import type { ConfirmDialog } from './confirm-dialog.js';
import './confirm-dialog.js';
import { countryOptions } from './countries.js';
import { field, type FieldOptions } from './form-field.js';
import { logo } from './logo.js';
import {
  companyPath,
  forgetIndustries,
  industries,
  limits,
  listUrl,
  mayChange,
  sameOrigin,
  statusBadge,
  type Company,
} from './shared.js';

/** The API's field names ("address.city") as the form's ("city"). */
function formField(apiField: string): string {
  if (apiField.startsWith('address.')) return apiField.slice('address.'.length);
  if (apiField === 'call_tree_verified') return 'verified';
  return apiField;
}

class CompanyEditor extends LitElement {
  static properties = {
    context: { attribute: false },
    companyId: { attribute: false },
    company: { state: true },
    loadError: { state: true },
    draft: { state: true },
    errors: { state: true },
    treeErrors: { state: true },
    problem: { state: true },
    busy: { state: true },
    tried: { state: true },
    maxDepth: { state: true },
    industryList: { state: true },
  };
  declare context?: TabContext;
  /** "" when adding a company. */
  declare companyId: string;
  /** The API's last answer (null while loading, and when adding). */
  declare company: Company | null;
  declare loadError: Problem | null;
  declare draft: Draft;
  /** Field errors, by the form's field name: found before sending, or refused by the API. */
  declare errors: Record<string, string>;
  /** The API's refusals of call-tree entries, by the entry's (or menu's) key. */
  declare treeErrors: Map<number, TreeProblem>;
  /** An error about no field. */
  declare problem: Problem | null;
  declare busy: boolean;
  /** A save was tried: from then on, what is still missing is marked too. */
  declare tried: boolean;
  declare maxDepth: number;
  declare industryList: string[];

  #loaded?: string;
  #seq = 0;
  /** What the form held when loaded: anything else is unsaved. */
  #initial = '';
  #unsaved = false;
  /** Whether the user set "call tree verified" themselves since the last load. */
  #verifiedTouched = false;

  constructor() {
    super();
    this.companyId = '';
    this.company = null;
    this.loadError = null;
    this.errors = {};
    this.treeErrors = new Map();
    this.problem = null;
    this.busy = false;
    this.tried = false;
    this.maxDepth = 5;
    this.industryList = [];
    this.reset();
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!ctx) return;
    if (changed.has('context') && !changed.get('context')) {
      void limits(ctx).then((l) => (this.maxDepth = l.call_tree_max_depth));
      void industries(ctx).then((list) => (this.industryList = list));
    }
    if (this.companyId === this.#loaded) return;
    this.#loaded = this.companyId;
    this.company = null;
    this.loadError = null;
    this.reset();
    if (this.companyId) void this.load();
  }

  protected firstUpdated() {
    if (!this.companyId) this.querySelector<HTMLElement>('#company-name')?.focus();
  }

  protected updated() {
    const unsaved = fingerprint(this.draft) !== this.#initial || this.draft.treeEdited;
    if (unsaved !== this.#unsaved) {
      this.#unsaved = unsaved;
      setUnsaved(this, unsaved);
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this.#unsaved) setUnsaved(this, false);
    this.#unsaved = false;
  }

  /** The form as `c` has it (empty when adding), nothing marked. */
  private reset(c?: Company) {
    this.draft = draftOf(c);
    this.#initial = fingerprint(this.draft);
    this.#verifiedTouched = false;
    this.errors = {};
    this.treeErrors = new Map();
    this.problem = null;
    this.tried = false;
  }

  /** Nothing is unsaved any more (saved, or deleted): leaving for another page asks nothing. */
  private leave() {
    this.#initial = fingerprint(this.draft);
    this.draft = { ...this.draft, treeEdited: false };
    if (this.#unsaved) setUnsaved(this, false);
    this.#unsaved = false;
  }

  private async load() {
    const ctx = this.context!;
    const seq = ++this.#seq;
    try {
      const { company } = await ctx.api.get<{ company: Company }>(companyPath(this.companyId));
      if (seq !== this.#seq) return;
      this.company = company;
      this.reset(company);
      setTitle(this, company.name);
    } catch (err) {
      if (seq === this.#seq) this.loadError = problemOf(err);
    }
  }

  private set<K extends keyof Draft>(name: K, value: Draft[K]) {
    this.draft = { ...this.draft, [name]: value };
    const key = name === 'sizeKind' || name === 'sizeCount' ? 'size' : name;
    if (this.errors[key]) {
      const { [key]: _, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  private onTreeChange() {
    // A changed tree has not been checked by anyone yet (the API says the same).
    const verified = this.#verifiedTouched ? this.draft.verified : false;
    this.draft = { ...this.draft, treeEdited: true, verified };
    this.treeErrors = new Map();
  }

  private setTree(on: boolean) {
    this.draft = { ...this.draft, tree: on ? newMenu('main') : null, treeEdited: true };
    if (!on && !this.#verifiedTouched) this.draft = { ...this.draft, verified: false };
    this.treeErrors = new Map();
  }

  /** The tree's problems to mark: what is wrong always, what is missing once a save was tried, and the API's. */
  private shownTreeProblems(): Map<number, TreeProblem[]> {
    const shown = new Map<number, TreeProblem[]>();
    for (const [key, list] of treeProblems(this.draft, this.maxDepth)) {
      const kept = list.filter((p) => this.tried || !p.missing);
      if (kept.length) shown.set(key, kept);
    }
    for (const [key, p] of this.treeErrors) shown.set(key, [...(shown.get(key) ?? []), p]);
    return shown;
  }

  private async focusFirstError() {
    await this.updateComplete;
    this.querySelector<HTMLElement>('[aria-invalid="true"], form > [role="alert"]')?.focus();
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const ctx = this.context;
    if (!ctx || this.busy) return;
    this.tried = true;
    this.problem = null;
    this.treeErrors = new Map();
    this.errors = fieldProblems(this.draft);
    if (Object.keys(this.errors).length || treeProblems(this.draft, this.maxDepth).size) {
      await this.focusFirstError();
      return;
    }
    const c = this.company;
    const { body, sent } = c ? changesBody(this.draft, c) : createBody(this.draft);
    if (c && !Object.keys(body).length) {
      toast(this, 'Nothing has changed.', 'info');
      return;
    }
    this.busy = true;
    try {
      const { company } = c
        ? await ctx.api.patch<{ company: Company }>(companyPath(c.id), body)
        : await ctx.api.post<{ company: Company }>('/companies', body);
      forgetIndustries();
      if (c) {
        this.company = company;
        this.reset(company);
        setTitle(this, company.name);
        toast(this, `${company.name} is saved.`, 'success');
      } else {
        this.leave();
        toast(this, `${company.name} is added and awaits review.`, 'success');
        navigate(this, `${ctx.route.tab}/${encodeURIComponent(company.id)}`, { replace: true });
      }
    } catch (err) {
      this.refused(problemOf(err), sent);
      await this.focusFirstError();
    } finally {
      this.busy = false;
    }
  }

  /** The API's refusal, shown where it belongs: a field, a call-tree entry, or above the form. */
  private refused(p: Problem, sent: Sent | null) {
    if (p.field?.startsWith('call_tree.') && sent) {
      const found = serverProblem(sent, p.field, p.message);
      if (found) {
        this.treeErrors = new Map([found]);
        return;
      }
    }
    const name = p.field ? formField(p.field) : '';
    // A field of the form, or the call tree as a whole (not JSON, no path): said where it is.
    const onForm = name === 'call_tree' || (name && this.querySelector(`#company-${CSS.escape(name)}`));
    if (onForm) this.errors = { ...this.errors, [name]: p.message };
    else this.problem = p;
  }

  private delete(e: Event) {
    const c = this.company;
    const ctx = this.context!;
    if (!c) return;
    const followers = c.followers_count;
    void this.querySelector<ConfirmDialog>('tabhost-companies-confirm')?.ask(
      {
        title: `Delete ${c.name}?`,
        text: `The company, its memberships (everyone in it leaves it) and its ${followers.toLocaleString()} ${
          followers === 1 ? 'follow' : 'follows'
        } are deleted for good. Its history stays in the audit log.`,
        confirm: 'Delete company',
        danger: true,
        run: async () => {
          await ctx.api.delete(companyPath(c.id));
          this.leave();
          toast(this, `${c.name} is deleted.`, 'success');
          navigate(this, listUrl(ctx));
        },
      },
      e.currentTarget as HTMLElement,
    );
  }

  /** A text field of the draft, with its error. */
  private text(name: TextField, label: string, more: Partial<FieldOptions> = {}) {
    return field({
      id: `company-${name}`,
      label,
      value: this.draft[name],
      error: this.errors[name],
      onInput: (v) => this.set(name, v),
      ...more,
    });
  }

  private identity() {
    const d = this.draft;
    const url = d.logo_url.trim();
    return html`<section class="th-card section" aria-labelledby="section-identity">
      <h2 id="section-identity">Identity</h2>
      <div class="pair">
        ${this.text('name', 'Name', { required: true, maxlength: 200, autocomplete: 'organization' })}
        ${this.text('domain', 'Domain', {
          required: true,
          maxlength: 253,
          placeholder: 'acme.example',
          hint: 'Unique in the catalog; an import matches companies by it.',
        })}
      </div>
      <div class="logo-field">
        ${logo({ name: d.name || '?', logo_url: url || null }, true)}
        ${this.text('logo_url', 'Logo URL', {
          type: 'url',
          maxlength: 2048,
          placeholder: 'https://',
          // The page's policy loads images from this dashboard only: say why a remote logo shows its letter.
          hint: url && !sameOrigin(url) ? 'No preview: this page shows only images the dashboard itself serves.' : undefined,
          class: 'grow',
        })}
      </div>
      ${this.text('description', 'Description', { rows: 4, maxlength: 4000 })}
      <div class="pair">
        ${this.text('industry', 'Industry', { maxlength: 100, list: 'company-industries' })}
        ${this.text('website', 'Website', { type: 'url', maxlength: 2048, placeholder: 'https://' })}
      </div>
      <datalist id="company-industries">${this.industryList.map((i) => html`<option value=${i}></option>`)}</datalist>
    </section>`;
  }

  private location() {
    return html`<section class="th-card section" aria-labelledby="section-location">
      <h2 id="section-location">Location</h2>
      ${this.text('street', 'Street', { maxlength: 200, autocomplete: 'street-address' })}
      <div class="pair">
        ${this.text('city', 'City', { maxlength: 100 })} ${this.text('region', 'Region or state', { maxlength: 100 })}
        ${this.text('postal_code', 'Postal code', { maxlength: 20 })}
        ${this.text('country', 'Country', { options: [['', 'Not given'], ...countryOptions(this.draft.country)] })}
      </div>
    </section>`;
  }

  private size() {
    const d = this.draft;
    return html`<section class="th-card section" aria-labelledby="section-size">
      <h2 id="section-size">Size</h2>
      <div class="pair">
        ${field({
          id: 'company-size',
          label: 'Employees',
          value: d.sizeKind,
          error: d.sizeKind === 'count' ? undefined : this.errors.size,
          options: [['', 'Not given'], ...SIZE_BANDS.map((b) => [b, b] as const), ['count', 'An exact number…']],
          onInput: (v) => this.set('sizeKind', v),
        })}
        ${d.sizeKind === 'count'
          ? field({
              id: 'company-size-count',
              label: 'Number of employees',
              value: d.sizeCount,
              inputmode: 'numeric',
              maxlength: 9,
              error: this.errors.size,
              onInput: (v) => this.set('sizeCount', v),
            })
          : nothing}
      </div>
    </section>`;
  }

  private support() {
    return html`<section class="th-card section" aria-labelledby="section-support">
      <h2 id="section-support">Support details</h2>
      <div class="pair">
        ${this.text('support_email', 'Support email', { type: 'email', maxlength: 254, placeholder: 'help@acme.example' })}
        ${this.text('support_phone', 'Support phone', {
          type: 'tel',
          maxlength: 16,
          placeholder: '+14155550100',
          hint: 'E.164: + and the country code, no spaces, e.g. +14155550100.',
        })}
      </div>
      ${this.text('support_hours', 'Support hours', { maxlength: 200, placeholder: 'Mon–Fri 9:00–17:00 CET' })}
    </section>`;
  }

  private callHandling(readOnly: boolean) {
    const d = this.draft;
    return html`<section class="th-card section" aria-labelledby="section-calls">
      <h2 id="section-calls">Call handling</h2>
      <p class="th-hint">
        What a caller hears and which keys lead where. Menus nest at most ${this.maxDepth} levels; a key is used once
        per menu.
      </p>
      ${this.errors.call_tree ? html`<p class="th-error" role="alert">${this.errors.call_tree}</p>` : nothing}
      ${d.tree
        ? html`<tabhost-companies-call-tree
              .root=${d.tree}
              .problems=${this.shownTreeProblems()}
              ?disabled=${readOnly}
              @call-tree-change=${this.onTreeChange}
            ></tabhost-companies-call-tree>
            ${readOnly
              ? nothing
              : html`<button type="button" class="th-btn th-btn-link" @click=${() => this.setTree(false)}>
                  Remove the call tree
                </button>`}`
        : html`<p>No call tree: callers reach the support number directly.</p>
            ${readOnly
              ? nothing
              : html`<button type="button" class="th-btn" @click=${() => this.setTree(true)}>Add a call tree</button>`}`}
      <div class="choice verified">
        <input
          id="company-verified"
          type="checkbox"
          .checked=${d.verified}
          ?disabled=${!d.tree || readOnly}
          aria-describedby="company-verified-hint${this.errors.verified ? ' company-verified-error' : ''}"
          @change=${(e: Event) => {
            this.#verifiedTouched = true;
            this.set('verified', (e.target as HTMLInputElement).checked);
          }}
        />
        <label for="company-verified">Call tree verified</label>
      </div>
      <p class="th-hint" id="company-verified-hint">
        Someone called the number and found the menus as described. Changing the tree clears this until it is checked
        again.
      </p>
      ${this.errors.verified ? html`<p class="th-error" id="company-verified-error">${this.errors.verified}</p>` : nothing}
    </section>`;
  }

  private header(ctx: TabContext, c: Company) {
    const tab = ctx.route.tab;
    const members = `${tab}/${encodeURIComponent(c.id)}/members`;
    return html`<div class="company-head">
      ${logo(c, true)}
      <div class="grow">
        <p class="th-mono">${c.domain}</p>
        <p>${statusBadge(c.status)} <span class="th-hint">Added ${localTime(c.created_at)} · changed
          ${localTime(c.updated_at)}</span></p>
        ${c.status === 'rejected' && c.review_reason
          ? html`<p class="th-hint">Rejected: ${c.review_reason}</p>`
          : nothing}
      </div>
      <div class="th-toolbar">
        <a class="th-btn" href="${ctx.tenant.base}${members}" @click=${(e: MouseEvent) => follow(e, this, members)}>Members</a>
        ${ctx.can('audit.read')
          ? html`<button type="button" class="th-btn" @click=${() => openHistory(this, 'companies', c.id, c.name)}>
              History
            </button>`
          : nothing}
        ${mayChange(ctx, 'companies.delete')
          ? html`<button type="button" class="th-btn th-btn-danger" @click=${this.delete}>Delete</button>`
          : nothing}
      </div>
    </div>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    const back = html`<a class="th-btn th-btn-link back" href="${ctx.tenant.base}${listUrl(ctx)}"
      @click=${(e: MouseEvent) => follow(e, this, listUrl(ctx))}>← All companies</a>`;
    if (this.loadError)
      return html`${back}
        <div class="th-alert th-alert-error" role="alert">${problemText(this.loadError)}</div>`;
    if (this.companyId && !this.company) return html`${back}<p class="th-skeleton" aria-busy="true"></p>`;
    const readOnly = !mayChange(ctx, 'companies.write');
    return html`${back} ${this.company ? this.header(ctx, this.company) : nothing}
      <form class="editor" novalidate @submit=${this.save}>
        ${alertOf(this.problem)}
        <fieldset class="plain" ?disabled=${readOnly}>
          <legend class="th-visually-hidden">${this.company ? `Edit ${this.company.name}` : 'A new company'}</legend>
          ${this.identity()} ${this.location()} ${this.size()} ${this.support()}
        </fieldset>
        ${this.callHandling(readOnly)}
        ${readOnly
          ? nothing
          : html`<div class="form-actions">
              <button type="submit" class="th-btn th-btn-primary" ?disabled=${this.busy}>
                ${this.company ? 'Save changes' : 'Add company'}
              </button>
              <a class="th-btn" href="${ctx.tenant.base}${listUrl(ctx)}" @click=${(e: MouseEvent) => follow(e, this, listUrl(ctx))}
                >Cancel</a
              >
            </div>`}
      </form>
      <tabhost-companies-confirm></tabhost-companies-confirm>`;
  }
}

if (!customElements.get('tabhost-companies-editor')) customElements.define('tabhost-companies-editor', CompanyEditor);
