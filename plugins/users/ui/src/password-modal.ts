// The one time a temporary password is shown (after creating a user with
// one, or resetting to one). The host keeps only its hash: once this modal
// closes, however it closes, the password is gone from the page.
import { LitElement, html, nothing } from 'lit';
import { toast } from '../../../../sdk/ui/tabhost-ui.js';

class PasswordModal extends LitElement {
  static properties = {
    who: { state: true },
    password: { state: true },
    copied: { state: true },
  };
  declare who: string;
  declare password: string;
  declare copied: boolean;

  #opener: HTMLElement | null = null;
  #closed?: () => void;

  constructor() {
    super();
    this.who = '';
    this.password = '';
    this.copied = false;
  }

  protected createRenderRoot() {
    return this;
  }

  /** Shows `password` for `who`; resolves when the modal is closed. */
  async show(who: string, password: string, opener: HTMLElement | null): Promise<void> {
    this.#opener = opener;
    this.who = who;
    this.password = password;
    this.copied = false;
    await this.updateComplete;
    this.querySelector('dialog')!.showModal();
    return new Promise((resolve) => (this.#closed = resolve));
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.password = '';
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.password);
      this.copied = true;
    } catch {
      toast(this, 'Could not copy the password: select it and copy it yourself.', 'error');
    }
  }

  private onClose() {
    this.password = '';
    this.who = '';
    if (this.#opener?.isConnected) this.#opener.focus();
    this.#opener = null;
    this.#closed?.();
    this.#closed = undefined;
  }

  protected render() {
    return html`<dialog aria-labelledby="password-title" aria-describedby="password-once" @close=${this.onClose}>
      ${this.password
        ? html`<h2 id="password-title">Temporary password</h2>
            <p>
              For ${this.who}. Give it to them through a channel you trust; at their first sign-in they must choose
              their own password.
            </p>
            <div class="th-secret"><code class="th-mono">${this.password}</code></div>
            <p class="th-alert th-alert-warning" id="password-once">It will not be shown again.</p>
            <div class="th-dialog-actions">
              <button type="button" class="th-btn th-btn-primary" autofocus @click=${this.copy}>
                ${this.copied ? 'Copied' : 'Copy password'}
              </button>
              <button type="button" class="th-btn" @click=${() => this.querySelector('dialog')!.close()}>Done</button>
            </div>
            <p class="th-visually-hidden" role="status">${this.copied ? 'Password copied' : ''}</p>`
        : nothing}
    </dialog>`;
  }
}

if (!customElements.get('tabhost-users-password')) customElements.define('tabhost-users-password', PasswordModal);
export type { PasswordModal };
