// What every confirmation dialog of the tab does alike: open modal about one
// user, keep the error beside its button, refuse to close while a request
// runs, and give the focus back to whatever opened it.
import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { alertOf, emit, problemOf, type Problem, type User } from './shared.js';

export abstract class UserDialog extends LitElement {
  // Typed wide, so that each dialog declares only its own (Lit merges the base's).
  static properties: PropertyDeclarations = {
    context: { attribute: false },
    user: { state: true },
    busy: { state: true },
    problem: { state: true },
    errors: { state: true },
  };
  declare context?: TabContext;
  /** The user the dialog is about; null while closed. */
  declare user: User | null;
  declare busy: boolean;
  /** An error about no field: shown above the buttons. */
  declare problem: Problem | null;
  /** Errors the API tied to a field, by field. */
  declare errors: Record<string, string>;

  /** What opened the dialog, to give the focus back to. */
  protected opener: HTMLElement | null = null;

  constructor() {
    super();
    this.user = null;
    this.busy = false;
    this.problem = null;
    this.errors = {};
  }

  protected createRenderRoot() {
    return this;
  }

  /** Resets the dialog's own inputs before it opens. */
  protected abstract reset(): void;
  protected abstract body(u: User): TemplateResult;

  async open(user: User, opener: HTMLElement | null) {
    this.opener = opener;
    this.user = user;
    this.problem = null;
    this.errors = {};
    this.reset();
    await this.updateComplete;
    this.querySelector('dialog')?.showModal();
  }

  close() {
    this.querySelector('dialog')?.close();
  }

  /** Runs the request; the API's refusal stays in the dialog, by field when it names one. */
  protected async run<T>(request: () => Promise<T>, fields: readonly string[] = []): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.problem = null;
    this.errors = {};
    try {
      return await request();
    } catch (err) {
      const p = problemOf(err);
      if (p.field && fields.includes(p.field)) this.errors = { [p.field]: p.message };
      else this.problem = p;
      // The focus goes to the field the error names, or else to the alert
      // (tabindex=-1), so that the error is read out and the next Tab starts there.
      await this.updateComplete;
      this.querySelector<HTMLElement>(this.problem ? 'dialog [role="alert"]' : 'dialog [aria-invalid="true"]')?.focus();
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** The server's own answer replaces the row: the table shows only confirmed states. */
  protected changed(user: User) {
    emit(this, 'users-changed', user);
  }

  /** The error under a control, which names it in aria-describedby. */
  protected errorFor(field: string, id: string) {
    const message = this.errors[field];
    return message ? html`<p class="th-error" id="${id}-error">${message}</p>` : nothing;
  }

  protected fieldAria(field: string, id: string) {
    return this.errors[field] ? { invalid: 'true', describedBy: `${id}-error` } : { invalid: nothing, describedBy: nothing };
  }

  private onClose() {
    this.user = null;
    const opener = this.opener;
    this.opener = null;
    // The opener may be gone (a deleted row): then the caller moves the focus.
    if (opener?.isConnected) opener.focus();
  }

  /** The dialog around `body`: titled by its h2, Cancel first so that a stray Enter changes nothing. */
  protected frame(id: string, title: string, content: TemplateResult, confirm: TemplateResult | typeof nothing) {
    return html`<dialog
      aria-labelledby="${id}-title"
      @close=${this.onClose}
      @cancel=${(e: Event) => this.busy && e.preventDefault()}
    >
      ${this.user
        ? html`<h2 id="${id}-title">${title}</h2>
            ${content} ${alertOf(this.problem)}
            <div class="th-dialog-actions">
              <button type="button" class="th-btn" ?disabled=${this.busy} @click=${() => this.close()}>Cancel</button>
              ${confirm}
            </div>`
        : nothing}
    </dialog>`;
  }

  /** What a dialog keeps beside itself (one that follows it), rendered whether open or not. */
  protected beside(): unknown {
    return nothing;
  }

  // One <dialog> either way (frame's template), so that closing keeps the element.
  protected render() {
    return html`${this.user ? this.body(this.user) : this.frame('closed', '', html``, nothing)}${this.beside()}`;
  }
}
