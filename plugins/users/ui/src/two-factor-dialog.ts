// Turn off a user's two-factor authentication (a lost phone): the reason is
// required, recorded, and emailed to the user with the notice.
import { html } from 'lit';
import { toast } from '../../../../sdk/ui/tabhost-ui.js';
import { UserDialog } from './dialog-base.js';
import { nameOf, userPath, type User } from './shared.js';

class TwoFactorDialog extends UserDialog {
  static properties = { reason: { state: true } };
  declare reason: string;

  constructor() {
    super();
    this.reason = '';
  }

  protected reset() {
    this.reason = '';
  }

  private async confirm(e: Event) {
    e.preventDefault();
    const ctx = this.context;
    const u = this.user;
    if (!ctx || !u) return;
    const reason = this.reason.trim();
    if (!reason) {
      this.errors = { reason: 'Say why, for the record and for the email to the user.' };
      await this.updateComplete;
      this.querySelector<HTMLElement>('#two-factor-reason')?.focus();
      return;
    }
    const answer = await this.run(() => ctx.api.post<{ user: User }>(userPath(u.id, '/disable-2fa'), { reason }), [
      'reason',
    ]);
    if (!answer) return;
    this.changed(answer.user);
    toast(this, `Two-factor authentication is off for ${nameOf(u)}; they were emailed.`, 'success');
    this.close();
  }

  protected body(u: User) {
    const name = nameOf(u);
    const aria = this.fieldAria('reason', 'two-factor-reason');
    return this.frame(
      'two-factor',
      `Disable two-factor authentication of ${name}?`,
      html`<p>
          ${name} signs in with their password alone until they set it up again. They will be emailed that it was
          turned off, with the reason below.
        </p>
        <form id="two-factor-form" novalidate @submit=${this.confirm}>
          <div class="th-field">
            <label for="two-factor-reason">Reason</label>
            <textarea
              id="two-factor-reason"
              class="th-textarea"
              rows="3"
              maxlength="500"
              required
              .value=${this.reason}
              aria-invalid=${aria.invalid}
              aria-describedby=${aria.describedBy}
              @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
            ></textarea>
            ${this.errorFor('reason', 'two-factor-reason')}
          </div>
        </form>`,
      html`<button type="submit" form="two-factor-form" class="th-btn th-btn-danger" ?disabled=${this.busy}>
        Disable two-factor authentication
      </button>`,
    );
  }
}

if (!customElements.get('tabhost-users-two-factor')) customElements.define('tabhost-users-two-factor', TwoFactorDialog);
export type { TwoFactorDialog };
