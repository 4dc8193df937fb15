// Email one user from the console: subject and body, sent with the tenant's
// support address as Reply-To. Opens in place (beneath a row, or on a user's
// page); success and refusals show here, not elsewhere.
import { LitElement, html, nothing } from 'lit';
import { setUnsaved, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { alertOf, emit, nameOf, problemOf, userPath, type Problem, type User } from './shared.js';

/** What of POST /users/{id}/message's answer the success line shows. */
interface Sent {
  /** The subject the mail went with (the tenant's message_subject when none was sent). */
  subject?: string;
}

const FIELDS = ['subject', 'body'] as const;
type Field = (typeof FIELDS)[number];

class MessageComposer extends LitElement {
  static properties = {
    context: { attribute: false },
    user: { attribute: false },
    subject: { state: true },
    body: { state: true },
    errors: { state: true },
    problem: { state: true },
    sent: { state: true },
    busy: { state: true },
  };
  declare context?: TabContext;
  declare user?: User;
  declare subject: string;
  declare body: string;
  declare errors: Partial<Record<Field, string>>;
  declare problem: Problem | null;
  /** The last message sent from here, for the success line. */
  declare sent: Sent | null;
  declare busy: boolean;

  #unsaved = false;
  /** Whether the admin changed the prefilled subject: only then is it sent. */
  #subjectEdited = false;

  constructor() {
    super();
    this.subject = '';
    this.body = '';
    this.errors = {};
    this.problem = null;
    this.sent = null;
    this.busy = false;
  }

  protected createRenderRoot() {
    return this;
  }

  #prefilled = false;

  // The tenant's default subject (the users plugin's message_subject, as the
  // API fills it in). Left as it is, it is not sent: the API applies it itself.
  protected willUpdate() {
    if (this.#prefilled || !this.context) return;
    this.#prefilled = true;
    this.context.api.get<{ subject: string }>('/users/message-defaults').then(({ subject }) => {
      if (!this.#subjectEdited) this.subject = subject;
    }, () => {});
  }

  protected firstUpdated() {
    this.querySelector<HTMLElement>('textarea')?.focus();
  }

  protected updated() {
    const unsaved = this.body.trim() !== '';
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

  private get idPrefix() {
    return `message-${this.user?.id ?? ''}`;
  }

  private async send(e: SubmitEvent) {
    e.preventDefault();
    const ctx = this.context;
    const u = this.user;
    if (!ctx || !u || this.busy) return;
    const subject = this.#subjectEdited ? this.subject.trim() : undefined;
    const body = this.body;
    const errors: Partial<Record<Field, string>> = {};
    if (subject === '') errors.subject = 'Enter a subject.';
    if (!body.trim()) errors.body = 'Write the message.';
    this.errors = errors;
    this.problem = null;
    this.sent = null;
    if (Object.keys(errors).length) return this.focusInvalid();
    this.busy = true;
    try {
      // undefined is left out of the JSON: the API then uses the tenant's subject.
      this.sent = await ctx.api.post<Sent>(userPath(u.id, '/message'), { subject, body });
      this.body = '';
      emit(this, 'users-message-sent');
    } catch (err) {
      const p = problemOf(err);
      if (p.field && (FIELDS as readonly string[]).includes(p.field)) {
        this.errors = { [p.field]: p.message };
        await this.focusInvalid();
      } else {
        // An error about no field: the alert takes the focus (it has tabindex=-1).
        this.problem = p;
        await this.updateComplete;
        this.querySelector<HTMLElement>('[role="alert"]')?.focus();
      }
    } finally {
      this.busy = false;
    }
  }

  private async focusInvalid() {
    await this.updateComplete;
    this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private close() {
    emit(this, 'users-composer-close');
  }

  /** A labelled control with its error, which the control names in aria-describedby. */
  private control(
    field: Field,
    label: string,
    input: (id: string, invalid: string | typeof nothing, describedBy: string | typeof nothing) => unknown,
  ) {
    const id = `${this.idPrefix}-${field}`;
    const message = this.errors[field];
    return html`<div class="th-field">
      <label for=${id}>${label}</label>
      ${input(id, message ? 'true' : nothing, message ? `${id}-error` : nothing)}
      ${message ? html`<p class="th-error" id="${id}-error">${message}</p>` : nothing}
    </div>`;
  }

  protected render() {
    const u = this.user;
    if (!u) return nothing;
    return html`<form class="composer" novalidate aria-label="Write to ${nameOf(u)}" @submit=${this.send}>
      <p class="th-hint">
        To ${u.email}.${this.context?.branding.support_email
          ? ` Replies go to ${this.context.branding.support_email}.`
          : ''}
      </p>
      ${this.control(
        'subject',
        'Subject',
        (id, invalid, describedBy) => html`<input
          id=${id}
          class="th-input"
          maxlength="200"
          required
          .value=${this.subject}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          @input=${(e: Event) => {
            this.subject = (e.target as HTMLInputElement).value;
            this.#subjectEdited = true;
          }}
        />`,
      )}
      ${this.control(
        'body',
        'Message',
        (id, invalid, describedBy) => html`<textarea
          id=${id}
          class="th-textarea"
          rows="5"
          required
          .value=${this.body}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          @input=${(e: Event) => (this.body = (e.target as HTMLTextAreaElement).value)}
        ></textarea>`,
      )}
      ${alertOf(this.problem)}
      <div class=${this.sent ? 'th-alert th-alert-success' : ''} role="status">
        ${this.sent
          ? `Message sent to ${u.email}.${this.sent.subject ? ` Subject: “${this.sent.subject}”.` : ''}`
          : ''}
      </div>
      <div class="th-toolbar">
        <button type="submit" class="th-btn th-btn-primary" ?disabled=${this.busy}>Send message</button>
        <button type="button" class="th-btn" @click=${this.close}>${this.sent ? 'Close' : 'Cancel'}</button>
      </div>
    </form>`;
  }
}

if (!customElements.get('tabhost-users-composer')) customElements.define('tabhost-users-composer', MessageComposer);
