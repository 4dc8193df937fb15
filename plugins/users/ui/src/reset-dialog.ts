// Reset a user's password: email them a link, or set a temporary password
// that is shown once.
import { html } from 'lit';
import { toast } from '../../../../sdk/ui/tabhost-ui.js';
import { UserDialog } from './dialog-base.js';
import './password-modal.js';
import type { PasswordModal } from './password-modal.js';
import { nameOf, userPath, type User } from './shared.js';

type Mode = 'email' | 'temporary';

class ResetDialog extends UserDialog {
  static properties = { mode: { state: true } };
  declare mode: Mode;

  constructor() {
    super();
    this.mode = 'email';
  }

  protected reset() {
    this.mode = 'email';
  }

  private async confirm() {
    const ctx = this.context;
    const u = this.user;
    if (!ctx || !u) return;
    const mode = this.mode;
    const answer = await this.run(
      () => ctx.api.post<{ temporary_password?: string }>(userPath(u.id, '/reset-password'), { mode }),
      ['mode'],
    );
    if (!answer) return;
    // The password modal gives the focus back instead, when it closes.
    const opener = this.opener;
    this.opener = null;
    this.close();
    if (answer.temporary_password)
      await this.querySelector<PasswordModal>('tabhost-users-password')!.show(nameOf(u), answer.temporary_password, opener);
    else toast(this, `A password reset link was emailed to ${u.email}.`, 'success');
  }

  private choice(mode: Mode, label: string, hint: string) {
    return html`<label class="choice">
      <input
        type="radio"
        name="reset-mode"
        value=${mode}
        .checked=${this.mode === mode}
        aria-describedby="reset-${mode}-hint"
        @change=${() => (this.mode = mode)}
      />
      <span>${label}<span class="th-hint" id="reset-${mode}-hint">${hint}</span></span>
    </label>`;
  }

  protected body(u: User) {
    const name = nameOf(u);
    return this.frame(
        'reset',
        `Reset the password of ${name}?`,
        html`<fieldset>
          <legend>How</legend>
          ${this.choice('email', 'Email a reset link', `A link to choose a new password goes to ${u.email}.`)}
          ${this.choice(
            'temporary',
            'Set a temporary password',
            'You see it once and give it to them; they choose their own at their next sign-in.',
          )}
          ${this.errorFor('mode', 'reset-mode')}
        </fieldset>`,
        html`<button type="button" class="th-btn th-btn-primary" ?disabled=${this.busy} @click=${this.confirm}>
          Reset password
        </button>`,
      );
  }

  protected beside() {
    return html`<tabhost-users-password></tabhost-users-password>`;
  }
}

if (!customElements.get('tabhost-users-reset')) customElements.define('tabhost-users-reset', ResetDialog);
export type { ResetDialog };
