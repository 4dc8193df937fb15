// One confirmation dialog for the tab's irreversible steps (delete, reject,
// remove a member): says what happens, asks for a reason when one is
// needed, runs the request and keeps the API's refusal in the dialog
// (beside the reason when it is about it), refuses to close while the
// request runs, and gives the focus back to whatever opened it.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { problemOf, type Problem } from '../../../../sdk/ui/tabhost-ui.js';
import { alertOf } from '../../../common/ui/src/page-parts.js';

export interface Question {
  title: string;
  text: TemplateResult | string;
  /** The confirming button's text. */
  confirm: string;
  danger?: boolean;
  /** When set, a reason is asked for (required), with this label. */
  reason?: string;
  /** The request; the dialog closes when it succeeds. */
  run(reason: string): Promise<void>;
}

const REASON_MAX = 500;

class ConfirmDialog extends LitElement {
  static properties = {
    question: { state: true },
    reason: { state: true },
    busy: { state: true },
    problem: { state: true },
    reasonError: { state: true },
  };
  declare question: Question | null;
  declare reason: string;
  declare busy: boolean;
  declare problem: Problem | null;
  declare reasonError: string;

  #opener: HTMLElement | null = null;

  constructor() {
    super();
    this.question = null;
    this.reason = '';
    this.busy = false;
    this.problem = null;
    this.reasonError = '';
  }

  protected createRenderRoot() {
    return this;
  }

  async ask(question: Question, opener: HTMLElement | null) {
    this.#opener = opener;
    this.question = question;
    this.reason = '';
    this.problem = null;
    this.reasonError = '';
    await this.updateComplete;
    this.querySelector('dialog')?.showModal();
  }

  private close() {
    this.querySelector('dialog')?.close();
  }

  private onClose() {
    this.question = null;
    const opener = this.#opener;
    this.#opener = null;
    // The opener may be gone (a removed row): then the view moves the focus.
    if (opener?.isConnected) opener.focus();
  }

  private async confirm(e: Event) {
    e.preventDefault();
    const q = this.question;
    if (!q || this.busy) return;
    this.problem = null;
    this.reasonError = '';
    if (q.reason && !this.reason.trim()) {
      this.reasonError = 'Give a reason.';
    } else {
      this.busy = true;
      try {
        await q.run(this.reason.trim());
        this.busy = false;
        this.close();
        return;
      } catch (err) {
        const p = problemOf(err);
        if (q.reason && p.field === 'reason') this.reasonError = p.message;
        else this.problem = p;
      } finally {
        this.busy = false;
      }
    }
    // The focus goes to what is wrong, so that it is read out.
    await this.updateComplete;
    this.querySelector<HTMLElement>(this.problem ? 'dialog [role="alert"]' : 'dialog [aria-invalid="true"]')?.focus();
  }

  private reasonField(label: string) {
    return html`<div class="th-field">
      <label for="confirm-reason">${label}</label>
      <textarea
        id="confirm-reason"
        class="th-textarea"
        rows="3"
        maxlength=${REASON_MAX}
        required
        .value=${this.reason}
        aria-invalid=${this.reasonError ? 'true' : nothing}
        aria-describedby=${this.reasonError ? 'confirm-reason-error' : nothing}
        @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${this.reasonError ? html`<p class="th-error" id="confirm-reason-error">${this.reasonError}</p>` : nothing}
    </div>`;
  }

  protected render() {
    const q = this.question;
    // One <dialog> whether open or not, so that closing keeps the element.
    return html`<dialog
      aria-labelledby="confirm-title"
      @close=${this.onClose}
      @cancel=${(e: Event) => this.busy && e.preventDefault()}
    >
      ${q
        ? html`<form novalidate @submit=${this.confirm}>
            <h2 id="confirm-title">${q.title}</h2>
            <p>${q.text}</p>
            ${q.reason ? this.reasonField(q.reason) : nothing} ${alertOf(this.problem)}
            <div class="th-dialog-actions">
              <button type="button" class="th-btn" ?disabled=${this.busy} @click=${() => this.close()}>Cancel</button>
              <button type="submit" class="th-btn ${q.danger ? 'th-btn-danger' : 'th-btn-primary'}" ?disabled=${this.busy}>
                ${q.confirm}
              </button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}

if (!customElements.get('tabhost-companies-confirm')) customElements.define('tabhost-companies-confirm', ConfirmDialog);
export type { ConfirmDialog };
