// Delete a user for good: what goes with them (the API's delete preview, by
// kind), that it cannot be undone, and for an admin or an owner an explicit
// acknowledgement before the button works; the last active owner cannot go,
// and the dialog says so up front. The API has the last word
// (owner_required, last_owner, a step-up prompt through the client).
import { html, nothing } from 'lit';
import { toast } from '../../../../sdk/ui/tabhost-ui.js';
import { UserDialog } from './dialog-base.js';
import {
  emit,
  kindText,
  nameOf,
  needsOwner,
  problemOf,
  problemText,
  userPath,
  type Page,
  type Problem,
  type User,
} from './shared.js';

interface Preview {
  items: { kind: string; count: number }[];
}

class DeleteDialog extends UserDialog {
  static properties = {
    preview: { state: true },
    previewProblem: { state: true },
    acknowledged: { state: true },
    lastOwner: { state: true },
  };
  /** null while it loads. */
  declare preview: Preview | null;
  declare previewProblem: Problem | null;
  declare acknowledged: boolean;
  /** Whether no other owner is active (the API's last_owner); undefined while that is asked. */
  declare lastOwner: boolean | undefined;

  #loads = 0;

  constructor() {
    super();
    this.preview = null;
    this.previewProblem = null;
    this.acknowledged = false;
    this.lastOwner = false;
  }

  protected reset() {
    this.preview = null;
    this.previewProblem = null;
    this.acknowledged = false;
    this.lastOwner = this.user?.type === 'owner' ? undefined : false;
  }

  async open(user: User, opener: HTMLElement | null) {
    await super.open(user, opener);
    const ctx = this.context;
    if (!ctx) return;
    const load = ++this.#loads;
    if (user.type === 'owner') void this.checkOwners(user, load);
    try {
      const preview = await ctx.api.get<Preview>(userPath(user.id, '/delete-preview'));
      if (load === this.#loads) this.preview = preview;
    } catch (err) {
      if (load === this.#loads) this.previewProblem = problemOf(err);
    }
  }

  // An owner goes only while another owner is active; if that cannot be
  // asked, the button works and the API answers.
  private async checkOwners(user: User, load: number) {
    let last = false;
    try {
      const owners = await this.context!.api.get<Page<User>>('/users', {
        query: { type: 'owner', status: 'active', limit: 2 },
      });
      last = owners.items.every((o) => o.id === user.id);
    } catch {
      // the API has the last word
    }
    if (load === this.#loads) this.lastOwner = last;
  }

  /** Admins and owners need the acknowledgement (the API's acknowledge_required). */
  private get weighty() {
    return this.user ? needsOwner(this.user) : false;
  }

  /** Whether the button may not work yet (or at all). */
  private get blocked() {
    return this.lastOwner !== false || (this.weighty && !this.acknowledged);
  }

  private async confirm() {
    const ctx = this.context;
    const u = this.user;
    if (!ctx || !u || this.blocked) return;
    const body = this.weighty ? { acknowledge: true } : undefined;
    const done = await this.run(async () => {
      await ctx.api.delete(userPath(u.id), { body });
      return true;
    });
    if (!done) return;
    this.opener = null; // its row is gone: the list moves the focus
    this.close();
    toast(this, `${nameOf(u)} was deleted.`, 'success');
    emit(this, 'users-removed', u);
  }

  private previewList() {
    if (this.previewProblem)
      return html`<p class="th-alert th-alert-warning">Could not list what goes with them: ${problemText(this.previewProblem)}</p>`;
    if (!this.preview) return html`<p aria-busy="true"><span class="th-skeleton"></span></p>`;
    const items = this.preview.items.filter((i) => i.count > 0);
    if (!items.length) return html`<p>Only the account itself is removed.</p>`;
    return html`<p id="delete-what">Removed with the account:</p>
      <ul aria-labelledby="delete-what">
        ${items.map((i) => html`<li>${kindText(i.kind)}: ${i.count.toLocaleString()}</li>`)}
      </ul>`;
  }

  protected body(u: User) {
    const name = nameOf(u);
    return this.frame(
      'delete',
      `Delete ${name}?`,
      html`${this.lastOwner
          ? html`<p class="th-alert th-alert-warning">
              ${name} is the last active owner, and a tenant keeps at least one. Add another owner first.
            </p>`
          : nothing}
        ${this.previewList()}
        <p><strong>This cannot be undone.</strong> The audit log keeps what they did, without their email.</p>
        ${this.weighty
          ? html`<label class="choice">
              <input
                type="checkbox"
                .checked=${this.acknowledged}
                @change=${(e: Event) => (this.acknowledged = (e.target as HTMLInputElement).checked)}
              />
              <span>I understand that this deletes an ${u.type} account and everything listed, for good.</span>
            </label>`
          : nothing}`,
      html`<button
        type="button"
        class="th-btn th-btn-danger"
        ?disabled=${this.busy || this.blocked}
        @click=${this.confirm}
      >
        Delete user
      </button>`,
    );
  }
}

if (!customElements.get('tabhost-users-delete')) customElements.define('tabhost-users-delete', DeleteDialog);
export type { DeleteDialog };
