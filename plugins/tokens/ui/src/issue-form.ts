// The "new" view: the form that issues a token, then the one-time panel that
// shows its secret. Renders into the tab's shadow root (no shadow root of
// its own), so the kit's styles apply and the ids below are unique there.
import { LitElement, html, nothing } from 'lit';
import { localTime, navigate, setUnsaved, toast, utcIso, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { problemOf, problemText, type IssuedToken, type Problem } from './shared.js';

const EXPIRY_DAYS = [7, 30, 90, 180, 365];
const DEFAULT_DAYS = 90;

/** The fields the API may name in an error, and the id of the control each is about. */
const FIELDS = { name: 'token-name', scopes: 'token-scopes', expires_in_days: 'token-expires' } as const;
type Field = keyof typeof FIELDS;

class IssueForm extends LitElement {
  static properties = {
    context: { attribute: false },
    tokenName: { state: true },
    scopes: { state: true },
    days: { state: true },
    errors: { state: true },
    problem: { state: true },
    issued: { state: true },
    copied: { state: true },
    busy: { state: true },
  };
  declare context?: TabContext;
  declare tokenName: string;
  declare scopes: ReadonlySet<string>;
  declare days: number;
  declare errors: Partial<Record<Field, string>>;
  /** An error that is about no field. */
  declare problem: Problem | null;
  /** The answer to POST /tokens: the secret lives only here, until Done. */
  declare issued: IssuedToken | null;
  declare copied: boolean;
  /** POST /tokens is on its way. */
  declare busy: boolean;

  /** What was last told to the shell, so that it is told only of changes. */
  #unsaved = false;

  constructor() {
    super();
    this.tokenName = '';
    this.scopes = new Set();
    this.days = DEFAULT_DAYS;
    this.errors = {};
    this.problem = null;
    this.issued = null;
    this.copied = false;
    this.busy = false;
  }

  protected createRenderRoot() {
    return this;
  }

  protected firstUpdated() {
    this.focusControl('name');
  }

  // One place decides whether leaving would lose input: after any change.
  protected updated() {
    const unsaved =
      !this.issued && (this.tokenName !== '' || this.scopes.size > 0 || this.days !== DEFAULT_DAYS);
    if (unsaved !== this.#unsaved) {
      this.#unsaved = unsaved;
      setUnsaved(this, unsaved);
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.issued = null; // whatever way the user left, the secret goes
  }

  /** The permissions the token may get: the user's own, sorted. */
  private get permissions() {
    return [...(this.context?.permissions ?? [])].sort();
  }

  private focusControl(field: Field) {
    const id = field === 'scopes' ? 'token-scopes input' : FIELDS[field];
    this.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  private toggle(permission: string, on: boolean) {
    const next = new Set(this.scopes);
    if (on) next.add(permission);
    else next.delete(permission);
    this.scopes = next;
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const ctx = this.context;
    if (!ctx || this.busy) return;
    const name = this.tokenName.trim();
    // Only scopes the user still holds (the context may have changed since).
    const scopes = this.permissions.filter((p) => this.scopes.has(p));
    const errors: Partial<Record<Field, string>> = {};
    if (!name) errors.name = 'Enter a name.';
    if (!scopes.length) errors.scopes = 'Choose at least one scope.';
    this.errors = errors;
    this.problem = null;
    const invalid = Object.keys(errors) as Field[];
    if (invalid.length) {
      await this.updateComplete;
      this.focusControl(invalid[0]);
      return;
    }

    this.busy = true;
    // The tab's own element, still there if the user went back to the list meanwhile.
    const tab = (this.getRootNode() as ShadowRoot).host ?? this;
    try {
      // A 403 reauth_required is handled by the client: it asks for the
      // password and retries, so this resolves or fails for good.
      const issued = await ctx.api.post<IssuedToken>('/tokens', { name, scopes, expires_in_days: this.days });
      if (!this.isConnected) {
        // The user left the form: its secret is shown to no one, so it is not kept either.
        toast(tab, `The token "${name}" was issued after you left the form, so its secret was never shown: ` +
              'revoke it from the list.', 'error');
        return;
      }
      this.issued = issued;
      // Back to the defaults: nothing is left unsaved, and Done finds a clean form.
      this.tokenName = '';
      this.scopes = new Set();
      this.days = DEFAULT_DAYS;
      this.copied = false;
      await this.updateComplete;
      this.querySelector<HTMLElement>('#token-warning')?.focus();
    } catch (err) {
      const p = problemOf(err);
      if (p.field && Object.hasOwn(FIELDS, p.field)) {
        this.errors = { [p.field]: p.message };
        await this.updateComplete;
        this.focusControl(p.field as Field);
      } else {
        this.problem = p;
      }
    } finally {
      this.busy = false;
    }
  }

  private cancel() {
    this.#unsaved = false;
    setUnsaved(this, false);
    navigate(this, this.context!.route.tab);
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.issued!.token);
      this.copied = true;
    } catch {
      toast(this, 'Could not copy the token: select it and copy it yourself.', 'error');
    }
  }

  private done() {
    this.issued = null;
    navigate(this, this.context!.route.tab);
  }

  /** The error under a control, which the control names in aria-describedby. */
  private errorFor(field: Field) {
    const message = this.errors[field];
    return message ? html`<p class="th-error" id="${FIELDS[field]}-error">${message}</p>` : nothing;
  }

  private describedBy(field: Field, ...more: string[]) {
    const ids = this.errors[field] ? [...more, `${FIELDS[field]}-error`] : more;
    return ids.length ? ids.join(' ') : nothing;
  }

  private invalid(field: Field) {
    return this.errors[field] ? 'true' : nothing;
  }

  private form() {
    return html`<form class="form" novalidate @submit=${this.submit}>
      ${this.problem
        ? html`<div class="th-alert th-alert-error" role="alert">${problemText(this.problem)}</div>`
        : nothing}
      <div class="th-field">
        <label for="token-name">Name</label>
        <input
          id="token-name"
          class="th-input"
          required
          maxlength="100"
          autocomplete="off"
          .value=${this.tokenName}
          aria-invalid=${this.invalid('name')}
          aria-describedby=${this.describedBy('name')}
          @input=${(e: Event) => (this.tokenName = (e.target as HTMLInputElement).value)}
        />
        ${this.errorFor('name')}
      </div>
      <fieldset
        id="token-scopes"
        aria-invalid=${this.invalid('scopes')}
        aria-describedby=${this.describedBy('scopes', 'token-scopes-hint')}
      >
        <legend>Scopes</legend>
        <p class="th-hint" id="token-scopes-hint">The token can do only what these permissions allow.</p>
        <div class="scopes">
          ${this.permissions.map(
            (p) => html`<label>
              <input
                type="checkbox"
                .checked=${this.scopes.has(p)}
                @change=${(e: Event) => this.toggle(p, (e.target as HTMLInputElement).checked)}
              />
              <span class="th-mono">${p}</span>
            </label>`,
          )}
        </div>
        <button type="button" class="th-btn th-btn-link" @click=${() => (this.scopes = new Set(this.permissions))}>
          Select all
        </button>
        <button type="button" class="th-btn th-btn-link" @click=${() => (this.scopes = new Set())}>Clear</button>
        ${this.errorFor('scopes')}
      </fieldset>
      <div class="th-field">
        <label for="token-expires">Expires in</label>
        <select
          id="token-expires"
          class="th-select"
          aria-invalid=${this.invalid('expires_in_days')}
          aria-describedby=${this.describedBy('expires_in_days')}
          @change=${(e: Event) => (this.days = Number((e.target as HTMLSelectElement).value))}
        >
          ${EXPIRY_DAYS.map((d) => html`<option value=${d} ?selected=${d === this.days}>${d} days</option>`)}
        </select>
        ${this.errorFor('expires_in_days')}
      </div>
      <div class="th-toolbar">
        <button
          type="submit"
          class="th-btn th-btn-primary"
          ?disabled=${this.busy}
          aria-busy=${String(this.busy)}
        >
          Issue token
        </button>
        <button type="button" class="th-btn" @click=${this.cancel}>Cancel</button>
      </div>
    </form>`;
  }

  private result(t: IssuedToken) {
    return html`<div class="form">
      <div class="th-alert th-alert-warning" id="token-warning" tabindex="-1">
        Copy this token now. You will not see it again.
      </div>
      <p>
        <strong>${t.name}</strong>${t.expires_at
          ? html` expires <time datetime=${utcIso(t.expires_at)}>${localTime(t.expires_at)}</time>.`
          : nothing}
      </p>
      <div class="th-secret"><code class="th-mono">${t.token}</code></div>
      <div class="th-toolbar">
        <button type="button" class="th-btn th-btn-primary" @click=${this.copy}>
          ${this.copied ? 'Copied' : 'Copy token'}
        </button>
        <button type="button" class="th-btn" @click=${this.done}>Done</button>
      </div>
      <p class="th-visually-hidden" role="status">${this.copied ? 'Token copied' : ''}</p>
    </div>`;
  }

  protected render() {
    return this.issued ? this.result(this.issued) : this.form();
  }
}

if (!customElements.get('tabhost-tokens-issue')) customElements.define('tabhost-tokens-issue', IssueForm);
