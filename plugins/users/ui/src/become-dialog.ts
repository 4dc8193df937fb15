// Become a user (impersonation): why, for how long, and whether read-only.
// The API asks for the password first (the client's step-up prompt), then
// switches the session; a full load shows the whole dashboard as the user
// sees it, under the shell's banner.
import { html } from 'lit';
import { UserDialog } from './dialog-base.js';
import { nameOf, type User } from './shared.js';

class BecomeDialog extends UserDialog {
  static properties = {
    reason: { state: true },
    minutes: { state: true },
    readOnly: { state: true },
  };
  declare reason: string;
  /** As typed; empty means the tenant's maximum (the API's max_minutes). */
  declare minutes: string;
  declare readOnly: boolean;

  constructor() {
    super();
    this.reset();
  }

  protected reset() {
    this.reason = '';
    this.minutes = '';
    this.readOnly = false;
  }

  private async confirm(e: Event) {
    e.preventDefault();
    const ctx = this.context;
    const u = this.user;
    if (!ctx || !u) return;
    const reason = this.reason.trim();
    const typed = this.minutes.trim();
    const minutes = typed ? Number(typed) : undefined;
    const errors: Record<string, string> = {};
    if (!reason) errors.reason = 'Say why you act as this user (a ticket, a request).';
    // A number field reads "" for what is no number ("1e"): that is no empty field.
    const bad = this.querySelector<HTMLInputElement>('#become-minutes')?.validity.badInput;
    if (bad || (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1)))
      errors.minutes = 'Enter a whole number of minutes, or leave it empty.';
    if (Object.keys(errors).length) {
      this.errors = errors;
      await this.updateComplete;
      this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    // Without minutes (undefined is left out of the JSON), the API takes the tenant's maximum.
    const started = await this.run(
      () => ctx.api.post('/impersonation', { user_id: u.id, reason, minutes, read_only: this.readOnly }),
      ['reason', 'minutes', 'read_only'],
    );
    if (!started) return;
    // The session is the user's now: nothing of the admin's page may stay.
    location.assign(ctx.tenant.base);
  }

  protected body(u: User) {
    const name = nameOf(u);
    const reason = this.fieldAria('reason', 'become-reason');
    const minutes = this.fieldAria('minutes', 'become-minutes');
    return this.frame(
      'become',
      `Become ${name}?`,
      html`<p>
          You see the dashboard as ${name} does, under a banner, until you stop or the time runs out. Everything you
          do is recorded under both names.
        </p>
        <form id="become-form" novalidate @submit=${this.confirm}>
          <div class="th-field">
            <label for="become-reason">Reason</label>
            <textarea
              id="become-reason"
              class="th-textarea"
              rows="2"
              maxlength="500"
              required
              .value=${this.reason}
              aria-invalid=${reason.invalid}
              aria-describedby=${reason.describedBy}
              @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
            ></textarea>
            ${this.errorFor('reason', 'become-reason')}
          </div>
          <div class="th-field">
            <label for="become-minutes">Minutes</label>
            <input
              id="become-minutes"
              class="th-input narrow"
              type="number"
              min="1"
              max="1440"
              step="1"
              .value=${this.minutes}
              aria-invalid=${minutes.invalid}
              aria-describedby=${minutes.describedBy === 'become-minutes-error'
                ? 'become-minutes-hint become-minutes-error'
                : 'become-minutes-hint'}
              @input=${(e: Event) => (this.minutes = (e.target as HTMLInputElement).value)}
            />
            <p class="th-hint" id="become-minutes-hint">Empty: the most the tenant's policy allows.</p>
            ${this.errorFor('minutes', 'become-minutes')}
          </div>
          <label class="choice">
            <input
              type="checkbox"
              .checked=${this.readOnly}
              @change=${(e: Event) => (this.readOnly = (e.target as HTMLInputElement).checked)}
            />
            <span>Read-only: look, change nothing</span>
          </label>
          ${this.errorFor('read_only', 'become-read-only')}
        </form>`,
      html`<button type="submit" form="become-form" class="th-btn th-btn-primary" ?disabled=${this.busy}>
        Become user
      </button>`,
    );
  }
}

if (!customElements.get('tabhost-users-become')) customElements.define('tabhost-users-become', BecomeDialog);
export type { BecomeDialog };
