// Become a user (impersonation): why, for how long, and whether read-only.
// The API asks for the password first (the client's step-up prompt), then
// switches the session; a full load shows the whole dashboard as the user
// sees it, under the shell's banner. The form asks only what the tenant's
// policy leaves open (GET /impersonation/policy).
import { html, nothing } from 'lit';
import { UserDialog } from './dialog-base.js';
import { nameOf, type User } from './shared.js';

/** GET /impersonation/policy. */
interface Policy {
  reason_required: boolean;
  max_minutes: number;
  read_only: boolean;
  notifies_user: boolean;
}

class BecomeDialog extends UserDialog {
  static properties = {
    reason: { state: true },
    minutes: { state: true },
    readOnly: { state: true },
    policy: { state: true },
  };
  /** Until it is read, the form asks everything and the API applies the policy. */
  declare policy: Policy | null;
  declare reason: string;
  /** As typed; empty means the tenant's maximum (the API's max_minutes). */
  declare minutes: string;
  declare readOnly: boolean;

  constructor() {
    super();
    this.policy = null;
    this.reset();
  }

  protected reset() {
    this.reason = '';
    this.minutes = '';
    this.readOnly = false;
    // Read at each opening: the tenant's YAML may have changed since.
    this.context?.api.get<Policy>('/impersonation/policy').then((policy) => (this.policy = policy), () => {});
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
    if (!reason && this.policy?.reason_required !== false)
      errors.reason = 'Say why you act as this user (a ticket, a request).';
    // A number field reads "" for what is no number ("1e"): that is no empty field.
    const bad = this.querySelector<HTMLInputElement>('#become-minutes')?.validity.badInput;
    if (bad || (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1)))
      errors.minutes = 'Enter a whole number of minutes, or leave it empty.';
    else if (minutes !== undefined && this.policy && minutes > this.policy.max_minutes)
      errors.minutes = `This tenant allows at most ${this.policy.max_minutes} minutes.`;
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
    const policy = this.policy;
    const most = policy?.max_minutes;
    return this.frame(
      'become',
      `Become ${name}?`,
      html`<p>
          You see the dashboard as ${name} does, under a banner, until you stop or the time runs out. Everything you
          do is recorded under both names.
        </p>
        ${policy?.notifies_user
          ? html`<p class="th-alert th-alert-warning">${name} will be emailed that you signed in as them, when and why.</p>`
          : nothing}
        <form id="become-form" novalidate @submit=${this.confirm}>
          <div class="th-field">
            <label for="become-reason">Reason${policy?.reason_required === false ? ' (optional)' : ''}</label>
            <textarea
              id="become-reason"
              class="th-textarea"
              rows="2"
              maxlength="500"
              ?required=${policy?.reason_required !== false}
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
              max=${most ?? 1440}
              step="1"
              .value=${this.minutes}
              aria-invalid=${minutes.invalid}
              aria-describedby=${minutes.describedBy === 'become-minutes-error'
                ? 'become-minutes-hint become-minutes-error'
                : 'become-minutes-hint'}
              @input=${(e: Event) => (this.minutes = (e.target as HTMLInputElement).value)}
            />
            <p class="th-hint" id="become-minutes-hint">
              ${most ? `1 to ${most}; empty: ${most}, the most this tenant allows.` : "Empty: the most the tenant's policy allows."}
            </p>
            ${this.errorFor('minutes', 'become-minutes')}
          </div>
          <label class="choice">
            <input
              type="checkbox"
              .checked=${this.readOnly || !!policy?.read_only}
              ?disabled=${policy?.read_only}
              aria-describedby=${policy?.read_only ? 'become-read-only-hint' : nothing}
              @change=${(e: Event) => (this.readOnly = (e.target as HTMLInputElement).checked)}
            />
            <span>Read-only: look, change nothing</span>
          </label>
          ${policy?.read_only
            ? html`<p class="th-hint" id="become-read-only-hint">This tenant makes every impersonation read-only.</p>`
            : nothing}
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
