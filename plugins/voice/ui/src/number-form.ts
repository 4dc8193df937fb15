// Adding an inbound number ("numbers/new") and editing one ("numbers/{id}"):
// the number (E.164, checked before it is sent; fixed once added), its
// friendly name and the company it is routed to. The API's refusal shows
// beside the field it names. Renders into the tab's shadow root.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { navigate, setTitle, setUnsaved, toast, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import './company-picker.js';
import {
  E164,
  E164_HINT,
  MAX_FRIENDLY_NAME,
  VIEWS,
  problemOf,
  problemText,
  routingLabel,
  viewUrl,
  type InboundNumber,
  type Problem,
  type Routing,
} from './shared.js';

/** The fields the API may name in an error, and the id of the control each is about. */
const FIELDS = { phone_number: 'number-phone', friendly_name: 'number-name', company_id: 'number-company' } as const;
type Field = keyof typeof FIELDS;

/** What people paste around a number ("+1 (415) 555-0123"); E.164 has none of it. */
const SEPARATORS = /[\s().-]/g;

class NumberForm extends LitElement {
  static properties = {
    context: { attribute: false },
    numberId: { attribute: false },
    number: { state: true },
    loadError: { state: true },
    phone: { state: true },
    friendlyName: { state: true },
    routing: { state: true },
    errors: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  declare context?: TabContext;
  /** The number edited; null to add one. */
  declare numberId: string | null;
  /** The number as stored, once loaded (editing only). */
  declare number: InboundNumber | null;
  declare loadError: Problem | null;
  declare phone: string;
  declare friendlyName: string;
  declare routing: Routing | null;
  declare errors: Partial<Record<Field, string>>;
  /** An error that is about no field. */
  declare problem: Problem | null;
  declare busy: boolean;

  /** What was last told to the shell, so that it is told only of changes. */
  #unsaved = false;
  #controller?: AbortController;

  constructor() {
    super();
    this.numberId = null;
    this.number = null;
    this.loadError = null;
    this.phone = '';
    this.friendlyName = '';
    this.routing = null;
    this.errors = {};
    this.problem = null;
    this.busy = false;
  }

  protected createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.numberId) void this.load(this.numberId);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#controller?.abort();
  }

  protected firstUpdated() {
    if (!this.numberId) this.focusControl('phone_number');
  }

  // One place decides whether leaving would lose input: after any change.
  protected updated(changed: PropertyValues<this>) {
    if (changed.has('phone') || changed.has('friendlyName') || changed.has('routing') || changed.has('number'))
      this.#tell(this.dirty);
  }

  #tell(unsaved: boolean) {
    if (unsaved === this.#unsaved) return;
    this.#unsaved = unsaved;
    setUnsaved(this, unsaved);
  }

  private get dirty(): boolean {
    const n = this.number;
    if (!this.numberId) return this.phone !== '' || this.friendlyName !== '' || this.routing !== null;
    return n !== null && (this.friendlyName !== n.friendly_name || (this.routing?.id ?? null) !== n.company_id);
  }

  private async load(id: string) {
    const ctx = this.context!;
    this.#controller = new AbortController();
    try {
      const { number: n } = await ctx.api.get<{ number: InboundNumber }>(`/voice/numbers/${encodeURIComponent(id)}`, {
        signal: this.#controller.signal,
      });
      this.number = n;
      this.friendlyName = n.friendly_name;
      this.routing = n.company_id === null ? null : { id: n.company_id, name: routingLabel(n) };
      setTitle(this, `Edit ${n.phone_number}`);
      await this.updateComplete;
      this.focusControl('friendly_name');
    } catch (err) {
      if (this.isConnected) this.loadError = problemOf(err);
    }
  }

  private focusControl(field: Field) {
    this.querySelector<HTMLElement>(`#${FIELDS[field]}`)?.focus();
  }

  /** What the checks before sending find wrong, by field. */
  private check(phone: string): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    if (!this.numberId && !E164.test(phone))
      errors.phone_number = phone ? `${phone} is not a number in E.164 form.` : 'Enter the number.';
    if (this.friendlyName.length > MAX_FRIENDLY_NAME)
      errors.friendly_name = `At most ${MAX_FRIENDLY_NAME} characters (now ${this.friendlyName.length}).`;
    return errors;
  }

  /** POST's body, or PATCH's with only what changed. */
  private body(phone: string): Record<string, unknown> {
    const company = this.routing?.id ?? null;
    const n = this.number;
    if (!n) return { phone_number: phone, friendly_name: this.friendlyName, company_id: company };
    const body: Record<string, unknown> = {};
    if (this.friendlyName !== n.friendly_name) body.friendly_name = this.friendlyName;
    if (company !== n.company_id) body.company_id = company;
    return body;
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const ctx = this.context;
    if (!ctx || this.busy) return;
    const phone = this.phone.replace(SEPARATORS, '');
    this.phone = phone;
    this.problem = null;
    this.errors = this.check(phone);
    const invalid = Object.keys(this.errors) as Field[];
    if (invalid.length) {
      await this.updateComplete;
      return this.focusControl(invalid[0]);
    }
    const body = this.body(phone);
    if (this.number && !Object.keys(body).length) return this.back();
    this.busy = true;
    try {
      const saved = this.number
        ? await ctx.api.patch<{ number: InboundNumber }>(`/voice/numbers/${this.number.id}`, body)
        : await ctx.api.post<{ number: InboundNumber }>('/voice/numbers', body);
      toast(this, `${saved.number.phone_number} ${this.number ? 'saved' : 'added'}`, 'success');
      this.back();
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

  private back() {
    this.#tell(false);
    navigate(this, viewUrl(this.context!, VIEWS.numbers));
  }

  /** A field changed since its error was shown: the error no longer applies. */
  private edited(field: Field) {
    if (!this.errors[field]) return;
    const errors = { ...this.errors };
    delete errors[field];
    this.errors = errors;
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

  private phoneField() {
    const n = this.number;
    if (n)
      return html`<div class="th-field">
        <span class="th-label">Number</span>
        <span class="th-mono">${n.phone_number}</span>
        ${n.active ? nothing : html`<span class="th-hint">Deactivated: calls to it are not routed.</span>`}
      </div>`;
    return html`<div class="th-field">
      <label for=${FIELDS.phone_number}>Number</label>
      <input id=${FIELDS.phone_number} class="th-input narrow" type="tel" inputmode="tel" autocomplete="off" required
        .value=${this.phone} aria-invalid=${this.invalid('phone_number')}
        aria-describedby=${this.describedBy('phone_number', 'number-phone-hint')}
        @input=${(e: Event) => {
          this.phone = (e.target as HTMLInputElement).value;
          this.edited('phone_number');
        }}>
      <span class="th-hint" id="number-phone-hint">${E164_HINT}</span>
      ${this.errorFor('phone_number')}
    </div>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    if (this.loadError)
      return html`<div class="th-alert th-alert-error" role="alert">
        <p>${problemText(this.loadError)}</p>
        <button type="button" class="th-btn" @click=${this.back}>Back to the numbers</button>
      </div>`;
    if (this.numberId && !this.number) return html`<div class="th-card form" aria-busy="true">
      <span class="th-skeleton"></span></div>`;
    return html`<form class="form" novalidate @submit=${this.submit}>
        ${this.problem ? html`<div class="th-alert th-alert-error" role="alert">${problemText(this.problem)}</div>` : nothing}
        ${this.phoneField()}
        <div class="th-field">
          <label for=${FIELDS.friendly_name}>Friendly name <span class="th-hint">(optional)</span></label>
          <input id=${FIELDS.friendly_name} class="th-input" autocomplete="off" maxlength=${MAX_FRIENDLY_NAME}
            .value=${this.friendlyName} aria-invalid=${this.invalid('friendly_name')}
            aria-describedby=${this.describedBy('friendly_name', 'number-name-hint')}
            @input=${(e: Event) => {
              this.friendlyName = (e.target as HTMLInputElement).value;
              this.edited('friendly_name');
            }}>
          <span class="th-hint" id="number-name-hint">What your team calls it, e.g. Support line.</span>
          ${this.errorFor('friendly_name')}
        </div>
        <tabhost-voice-company-picker .context=${ctx} .value=${this.routing} .inputId=${FIELDS.company_id}
          .error=${this.errors.company_id ?? ''}
          @voice-routing=${(e: CustomEvent<Routing | null>) => {
            this.routing = e.detail;
            this.edited('company_id');
          }}></tabhost-voice-company-picker>
        <div class="th-toolbar">
          <button type="submit" class="th-btn th-btn-primary" ?disabled=${this.busy} aria-busy=${String(this.busy)}>
            ${this.number ? 'Save' : 'Add number'}
          </button>
          <button type="button" class="th-btn" @click=${this.back}>Cancel</button>
        </div>
      </form>`;
  }
}

if (!customElements.get('tabhost-voice-number-form')) customElements.define('tabhost-voice-number-form', NumberForm);
