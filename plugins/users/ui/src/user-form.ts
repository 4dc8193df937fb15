// The user form: "Add a user" (route new) without a user, the edit form of
// a user's page with one. The API checks every value; its refusals show
// beside the field they name (email_taken beside Email, rank_too_low beside
// Type or Roles). Renders into the tab's shadow root.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { navigate, setUnsaved, toast, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import './password-modal.js';
import type { PasswordModal } from './password-modal.js';
import {
  TYPES,
  alertOf,
  capitalized,
  companies,
  companyNames,
  emit,
  roleNames,
  tenantRoles,
  listUrl,
  nameOf,
  outranks,
  problemOf,
  userPath,
  type Company,
  type Role,
  type Problem,
  type User,
} from './shared.js';

interface Draft {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  external_id: string;
  timezone: string;
  type: string;
  roles: string[];
  company_ids: string[];
  invite: boolean;
}
type Field = keyof Draft;
const FIELDS: readonly string[] = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'external_id',
  'timezone',
  'type',
  'roles',
  'company_ids',
  'invite',
];

/** POST /users' answer: the temporary password is sent this once. */
interface Created {
  user: User;
  temporary_password?: string;
}

// IANA zones as this browser knows them (UTC is left out of some lists).
let zones: string[] | undefined;
function timeZones() {
  zones ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
  return zones;
}

function draftOf(u?: User): Draft {
  return {
    first_name: u?.first_name ?? '',
    last_name: u?.last_name ?? '',
    email: u?.email ?? '',
    phone: u?.phone ?? '',
    external_id: u?.external_id ?? '',
    timezone: u?.timezone ?? '',
    type: u?.type ?? '',
    roles: [...(u?.roles ?? [])].sort(),
    company_ids: (u?.companies ?? []).map((m) => m.company_id).sort(),
    invite: true,
  };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

class UserForm extends LitElement {
  static properties = {
    context: { attribute: false },
    user: { attribute: false },
    draft: { state: true },
    roles: { state: true },
    catalog: { state: true },
    errors: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  declare context?: TabContext;
  /** The user being edited (the API's last answer); none when adding one. */
  declare user?: User;
  declare draft: Draft;
  /** The tenant's roles: those the user may give are offered. */
  declare roles: Role[];
  declare catalog: Company[];
  declare errors: Partial<Record<Field, string>>;
  declare problem: Problem | null;
  declare busy: boolean;

  /** What the form held when it was loaded: leaving with anything else asks first. */
  #initial = '';
  #unsaved = false;

  constructor() {
    super();
    this.load();
    this.catalog = [];
    this.roles = [];
    this.errors = {};
    this.problem = null;
    this.busy = false;
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    // Another user, or a new answer from the API (an action elsewhere on the
    // page) is the new start, unless it would wipe what is being typed: what
    // is sent is the difference from the latest answer anyway.
    if (changed.has('user') && (changed.get('user')?.id !== this.user?.id || !this.#unsaved)) this.load(this.user);
    if (changed.has('context') && this.context && !changed.get('context')) {
      void companies(this.context).then((list) => (this.catalog = list));
      void tenantRoles(this.context).then((list) => (this.roles = list));
    }
  }

  protected firstUpdated() {
    if (!this.user) this.querySelector<HTMLElement>('#user-first_name')?.focus();
  }

  protected updated() {
    const unsaved = JSON.stringify(this.draft) !== this.#initial;
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

  private load(u?: User) {
    this.draft = draftOf(u);
    this.#initial = JSON.stringify(this.draft);
  }

  private set<K extends Field>(field: K, value: Draft[K]) {
    this.draft = { ...this.draft, [field]: value };
  }

  private toggle(field: 'roles' | 'company_ids', value: string, on: boolean) {
    const list = this.draft[field].filter((v) => v !== value);
    this.set(field, on ? [...list, value].sort() : list);
  }

  /** The body of POST /users, or the changes for PATCH /users/{id}. */
  private body(d: Draft, roles: string[]) {
    const u = this.user;
    const canCompanies = this.context!.can('companies.read');
    if (!u) {
      return {
        first_name: d.first_name.trim(),
        last_name: d.last_name.trim(),
        email: d.email.trim(),
        type: d.type,
        phone: d.phone.trim() || undefined,
        external_id: d.external_id.trim() || undefined,
        timezone: d.timezone.trim() || undefined,
        roles,
        company_ids: canCompanies && d.company_ids.length ? d.company_ids : undefined,
        invite: d.invite,
      };
    }
    const before = draftOf(u);
    const changes: Record<string, unknown> = {};
    for (const f of ['first_name', 'last_name', 'email', 'phone', 'external_id', 'timezone'] as const)
      if (d[f].trim() !== before[f]) changes[f] = d[f].trim();
    if (!same(roles, before.roles)) changes.roles = roles;
    if (canCompanies && !same(d.company_ids, before.company_ids)) changes.company_ids = d.company_ids;
    return changes;
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const ctx = this.context;
    if (!ctx || this.busy) return;
    const d = this.draft;
    const errors: Partial<Record<Field, string>> = {};
    if (!d.first_name.trim()) errors.first_name = 'Enter the first name.';
    if (!d.last_name.trim()) errors.last_name = 'Enter the last name.';
    if (!d.email.trim()) errors.email = 'Enter the email address.';
    if (!d.type) errors.type = 'Choose a type.';
    this.errors = errors;
    this.problem = null;
    if (Object.keys(errors).length) return this.focusInvalid();
    const body = this.body(d, d.roles);
    if (this.user && !Object.keys(body).length) {
      toast(this, 'Nothing to save: no field was changed.', 'info');
      return;
    }
    this.busy = true;
    try {
      if (this.user) this.saved(await ctx.api.patch<{ user: User }>(userPath(this.user.id), body));
      else await this.created(await ctx.api.post<Created>('/users', body));
    } catch (err) {
      const p = problemOf(err);
      // Beside the field it names, when the form shows that field (not the type while editing).
      if (p.field && FIELDS.includes(p.field) && this.querySelector(`#user-${p.field}`)) {
        this.errors = { [p.field]: p.message };
        await this.focusInvalid();
      } else {
        this.problem = p;
        await this.updateComplete;
        this.querySelector<HTMLElement>('[role="alert"]')?.focus();
      }
    } finally {
      this.busy = false;
    }
  }

  private saved(answer: { user: User }) {
    // The form starts again from what the API kept.
    this.user = answer.user;
    this.load(answer.user);
    emit(this, 'users-changed', answer.user);
    toast(this, 'Changes saved.', 'success');
  }

  private async created(answer: Created) {
    const name = nameOf(answer.user);
    // Nothing is unsaved any more: the shell must not ask on leaving.
    this.load();
    this.#unsaved = false;
    setUnsaved(this, false);
    if (answer.temporary_password)
      await this.querySelector<PasswordModal>('tabhost-users-password')!.show(name, answer.temporary_password, null);
    else toast(this, `${name} was invited: an email is on its way to ${answer.user.email}.`, 'success');
    navigate(this, listUrl(this.context!));
  }

  private async focusInvalid() {
    await this.updateComplete;
    this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  // Cancel means "let it go": the shell need not ask.
  private cancel() {
    this.load(this.user);
    this.#unsaved = false;
    setUnsaved(this, false);
    navigate(this, listUrl(this.context!));
  }

  /** A control's error, and the attributes that tie the control to it and to its hint. */
  private aria(field: Field, hint = false) {
    const error = this.errors[field];
    const ids = [hint ? `user-${field}-hint` : '', error ? `user-${field}-error` : ''].filter(Boolean);
    return {
      invalid: error ? 'true' : nothing,
      describedBy: ids.length ? ids.join(' ') : nothing,
      error: error ? html`<p class="th-error" id="user-${field}-error">${error}</p>` : nothing,
    };
  }

  private text(
    field: 'first_name' | 'last_name' | 'email' | 'phone' | 'external_id' | 'timezone',
    label: string,
    options: { type?: string; required?: boolean; autocomplete?: string; hint?: string; list?: string } = {},
  ) {
    const a = this.aria(field, Boolean(options.hint));
    return html`<div class="th-field">
      <label for="user-${field}">${label}</label>
      <input
        id="user-${field}"
        class="th-input"
        type=${options.type ?? 'text'}
        ?required=${options.required}
        maxlength=${field === 'email' ? 254 : 100}
        autocomplete=${options.autocomplete ?? 'off'}
        list=${options.list ?? nothing}
        .value=${this.draft[field]}
        aria-invalid=${a.invalid}
        aria-describedby=${a.describedBy}
        @input=${(e: Event) => this.set(field, (e.target as HTMLInputElement).value)}
      />
      ${options.hint ? html`<p class="th-hint" id="user-${field}-hint">${options.hint}</p>` : nothing} ${a.error}
    </div>`;
  }

  private group(field: Field, legend: string, content: TemplateResult, hint?: string) {
    const a = this.aria(field, Boolean(hint));
    return html`<fieldset id="user-${field}" tabindex="-1" aria-invalid=${a.invalid} aria-describedby=${a.describedBy}>
      <legend>${legend}</legend>
      ${hint ? html`<p class="th-hint" id="user-${field}-hint">${hint}</p>` : nothing} ${content} ${a.error}
    </fieldset>`;
  }

  private typeField(ctx: TabContext) {
    const u = this.user;
    if (u) {
      return html`<div class="th-field">
        <span class="th-label">Type</span>
        <p>
          <span class="th-badge">${capitalized(u.type)}</span>
          <span class="th-hint">A user's type cannot change; create a new user of the other type instead.</span>
        </p>
      </div>`;
    }
    const allowed = TYPES.filter(([t]) => outranks(ctx.user.type, t));
    return this.group(
      'type',
      'Type',
      html`<div class="choices">
        ${allowed.map(
          ([t, description]) => html`<label class="choice">
            <input
              type="radio"
              name="user-type"
              value=${t}
              .checked=${this.draft.type === t}
              @change=${() => this.set('type', t)}
            />
            <span>${capitalized(t)}<span class="th-hint">${description}</span></span>
          </label>`,
        )}
      </div>`,
      'It cannot be changed later. You can add only types below your own.',
    );
  }

  /** Checkboxes; with `enabled`, only those values may change. */
  private checks(field: 'roles' | 'company_ids', options: readonly (readonly [string, string])[],
                 enabled?: ReadonlySet<string>) {
    return html`<div class="checks">
      ${options.map(
        ([value, label]) => html`<label>
          <input
            type="checkbox"
            ?disabled=${enabled !== undefined && !enabled.has(value)}
            .checked=${this.draft[field].includes(value)}
            @change=${(e: Event) => this.toggle(field, value, (e.target as HTMLInputElement).checked)}
          />
          <span>${label}</span>
        </label>`,
      )}
    </div>`;
  }

  private rolesField() {
    // A role the user may neither give nor take away stays as it is, shown.
    const grantable = new Set(this.roles.filter((r) => r.grantable).map((r) => r.name));
    const shown = roleNames(this.roles.filter((r) => r.grantable), ...(this.user?.roles ?? []));
    return this.group(
      'roles',
      'Roles',
      shown.length
        ? this.checks('roles', shown.map((r) => [r, r] as const), grantable)
        : html`<p class="th-hint">This tenant has no roles you may give.</p>`,
      "Roles add permissions to the type's. You may give only roles that rank below your own type.",
    );
  }

  private companiesField(ctx: TabContext) {
    if (!ctx.can('companies.read')) return nothing;
    const names = companyNames(this.catalog);
    // Memberships beyond the catalog's first page stay listed, and kept.
    for (const id of this.draft.company_ids) if (!names.has(id)) names.set(id, id);
    if (!names.size) return nothing;
    return this.group('company_ids', 'Companies', this.checks('company_ids', [...names]));
  }

  private inviteField() {
    const choice = (invite: boolean, label: string, hint: string) => html`<label class="choice">
      <input type="radio" name="user-invite" .checked=${this.draft.invite === invite} @change=${() => this.set('invite', invite)} />
      <span>${label}<span class="th-hint">${hint}</span></span>
    </label>`;
    return this.group(
      'invite',
      'First sign-in',
      html`${choice(true, 'Send an invitation', 'They get an email with a link to choose their password.')}
      ${choice(false, 'Create with a temporary password', 'You see it once and pass it on; they choose their own at their first sign-in.')}`,
    );
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    const editing = Boolean(this.user);
    return html`<form class="form" novalidate aria-label=${editing ? 'Edit user' : 'Add a user'} @submit=${this.submit}>
        ${alertOf(this.problem)}
        <div class="pair">
          ${this.text('first_name', 'First name', { required: true, autocomplete: 'off' })}
          ${this.text('last_name', 'Last name', { required: true, autocomplete: 'off' })}
        </div>
        ${this.text('email', 'Email', {
          type: 'email',
          required: true,
          hint: editing ? 'A new email signs them out everywhere.' : 'Unique in this tenant.',
        })}
        <div class="pair">
          ${this.text('phone', 'Phone', {
            type: 'tel',
            hint: 'In international form, e.g. +14155550123.',
          })}
          ${this.text('external_id', 'External id', {
            hint: 'Its id in another system, if any.',
          })}
        </div>
        ${this.text('timezone', 'Timezone', {
          list: 'user-timezones',
          hint: 'Type to search, e.g. Europe/Paris. UTC when empty.',
        })}
        <datalist id="user-timezones">${timeZones().map((z) => html`<option value=${z}></option>`)}</datalist>
        ${this.typeField(ctx)} ${this.rolesField()} ${this.companiesField(ctx)}
        ${editing ? nothing : this.inviteField()}
        <div class="th-toolbar">
          <button type="submit" class="th-btn th-btn-primary" ?disabled=${this.busy}>
            ${editing ? 'Save changes' : 'Create user'}
          </button>
          <button type="button" class="th-btn" @click=${this.cancel}>Cancel</button>
        </div>
      </form>
      <tabhost-users-password></tabhost-users-password>`;
  }
}

if (!customElements.get('tabhost-users-form')) customElements.define('tabhost-users-form', UserForm);
