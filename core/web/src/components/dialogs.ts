// The shell's modal questions, one at a time in one <dialog>: a
// confirmation, or the password prompt that opens the step-up window.
import { LitElement, css, html, nothing } from 'lit';
import { kit, shared } from './styles';
import { formAlert, submitted, textField, problemOf, type Problem } from './form';
import type { Api } from '../api';
import type { ConfirmOptions } from '../types';

type Question = { kind: 'confirm'; options: ConfirmOptions } | { kind: 'reauth' };

export class Dialogs extends LitElement {
  static properties = { question: { state: true }, problem: { state: true }, busy: { state: true } };
  static styles = [kit, shared, css`
    dialog { width: min(28rem, calc(100vw - 2rem)); }
    h2 { margin-bottom: 0.5rem; }
    p { color: var(--tabhost-text-muted); }
  `];
  declare question: Question | null;
  declare problem: Problem | null;
  declare busy: boolean;
  declare api: Api;
  private queue: Promise<unknown> = Promise.resolve();
  private settle?: (answer: boolean) => void;
  /** The question the <dialog> was opened for. */
  private shown: Question | null = null;

  constructor() {
    super();
    this.question = null;
    this.problem = null;
    this.busy = false;
  }

  confirm(options: ConfirmOptions): Promise<boolean> {
    return this.ask({ kind: 'confirm', options });
  }

  /** Asks for the password and POSTs /auth/reauth; false when the user gives up. */
  reauthenticate(): Promise<boolean> {
    return this.ask({ kind: 'reauth' });
  }

  private ask(question: Question): Promise<boolean> {
    const answer = this.queue.then(() => new Promise<boolean>((resolve) => {
      this.question = question;
      this.problem = null;
      this.settle = resolve;
    }));
    this.queue = answer;
    return answer;
  }

  private get dialog() {
    return this.renderRoot.querySelector('dialog') as HTMLDialogElement;
  }

  protected updated() {
    if (!this.question || this.dialog.open) return;
    this.shown = this.question;
    this.dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('[autofocus]')?.focus();
  }

  private finish(answer: boolean) {
    const settle = this.settle;
    this.settle = undefined;
    this.question = null;
    this.shown = null;
    this.busy = false;
    if (this.dialog.open) this.dialog.close();
    settle?.(answer);
  }

  // Escape closes the dialog: a "no" to the question it shows. close() fires
  // its event a task later, when the next question may be up already: such
  // an event, for a question answered before, answers nothing.
  private closed() {
    if (this.question && this.question === this.shown && !this.dialog.open) this.finish(false);
  }

  private async submitPassword(event: SubmitEvent) {
    const { password } = submitted(event);
    this.busy = true;
    this.problem = null;
    try {
      await this.api.post('/auth/reauth', { password });
      this.finish(true);
    } catch (error) {
      this.problem = problemOf(error);
      this.busy = false;
      // Ready for the next try without clearing the field by hand.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input')?.select();
    }
  }

  private body() {
    const question = this.question;
    if (!question) return nothing;
    if (question.kind === 'confirm') {
      const { options } = question;
      return html`<h2 id="dialog-title">${options.title}</h2>
        <p id="dialog-message">${options.message}</p>
        <div class="th-dialog-actions">
          <button class="th-btn" type="button" autofocus @click=${() => this.finish(false)}>${options.cancel}</button>
          <button class="th-btn ${options.danger ? 'th-btn-danger' : 'th-btn-primary'}" type="button"
            @click=${() => this.finish(true)}>${options.confirm}</button>
        </div>`;
    }
    return html`<form @submit=${this.submitPassword}>
      <h2 id="dialog-title">Confirm your password</h2>
      <p id="dialog-message">For your security, enter your password again to continue.</p>
      ${formAlert(this.problem, ['password'])}
      ${textField({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password',
                    autofocus: true }, this.problem)}
      <div class="th-dialog-actions">
        <button class="th-btn" type="button" @click=${() => this.finish(false)}>Cancel</button>
        <button class="th-btn th-btn-primary" ?disabled=${this.busy}>Confirm</button>
      </div>
    </form>`;
  }

  render() {
    return html`<dialog aria-labelledby="dialog-title" aria-describedby=${this.question ? 'dialog-message' : nothing}
      @close=${this.closed}>
      ${this.body()}
    </dialog>`;
  }
}
customElements.define('tabhost-dialogs', Dialogs);
