// Suspend, reactivate, discard, restore and resend an invitation: one click
// and a confirmation that says what happens. The row changes only to what
// the API answers.
import { html } from 'lit';
import { toast } from '../../../../sdk/ui/tabhost-ui.js';
import { UserDialog } from './dialog-base.js';
import { nameOf, userPath, type User } from './shared.js';

export type StatusAction = 'suspend' | 'reactivate' | 'discard' | 'undiscard' | 'resend';

/** [title, what happens, confirm button] of each. */
const TEXTS: Record<StatusAction, (name: string, email: string) => [string, string, string]> = {
  suspend: (n) => [
    `Suspend ${n}?`,
    `${n} is signed out at once and cannot sign in until reactivated. Nothing is deleted.`,
    'Suspend user',
  ],
  reactivate: (n) => [`Reactivate ${n}?`, `${n} can sign in again, with the same roles as before.`, 'Reactivate user'],
  discard: (n) => [
    `Discard ${n}?`,
    `Access stops now, the record is kept: ${n} is signed out and can be restored later.`,
    'Discard user',
  ],
  undiscard: (n) => [`Restore ${n}?`, `${n} comes back to the list with the access they had before.`, 'Restore user'],
  resend: (n, email) => [
    `Resend the invitation to ${n}?`,
    `A new invitation link is emailed to ${email}.`,
    'Send invitation',
  ],
};

class StatusDialog extends UserDialog {
  static properties = { action: { state: true } };
  declare action: StatusAction;

  constructor() {
    super();
    this.action = 'suspend';
  }

  protected reset() {}

  /** Opens the confirmation of `action` about `user`. */
  ask(action: StatusAction, user: User, opener: HTMLElement | null) {
    this.action = action;
    return this.open(user, opener);
  }

  private async confirm() {
    const ctx = this.context;
    const u = this.user;
    if (!ctx || !u) return;
    const action = this.action;
    const path = userPath(u.id, action === 'resend' ? '/resend-invite' : `/${action}`);
    const answer = await this.run(() => ctx.api.post<{ user?: User }>(path));
    if (!answer) return;
    if (answer.user) this.changed(answer.user);
    else toast(this, `A new invitation was sent to ${u.email}.`, 'success');
    this.close();
  }

  protected body(u: User) {
    const [title, text, button] = TEXTS[this.action](nameOf(u), u.email);
    const danger = this.action === 'suspend' || this.action === 'discard';
    return this.frame(
      'status',
      title,
      html`<p>${text}</p>`,
      html`<button
        type="button"
        class="th-btn ${danger ? 'th-btn-danger' : 'th-btn-primary'}"
        ?disabled=${this.busy}
        @click=${this.confirm}
      >
        ${button}
      </button>`,
    );
  }
}

if (!customElements.get('tabhost-users-status')) customElements.define('tabhost-users-status', StatusDialog);
export type { StatusDialog };
