// The account button in the top bar and the small panel it discloses.
import { LitElement, css, html } from 'lit';
import { kit, shared } from './styles';
import { icon } from '../icons';
import { fullName } from '../format';
import type { User } from '../kit';

function initials(user: User): string {
  const letters = [user.first_name, user.last_name].map((part) => [...part.trim()][0] ?? '').join('');
  return (letters || [...user.email][0] || '?').toUpperCase();
}

export class AccountMenu extends LitElement {
  static properties = { user: { attribute: false }, base: {}, open: { state: true } };
  static styles = [kit, shared, css`
    :host { position: relative; display: block; }
    .trigger { border-color: transparent; background: transparent; padding-inline: 0.375rem 0.5rem; }
    .avatar { display: inline-grid; place-items: center; width: 2rem; height: 2rem; border-radius: 50%;
      background: var(--tabhost-primary); color: var(--tabhost-on-primary); font-size: 0.8125rem; font-weight: 700; }
    .panel { position: absolute; right: 0; top: calc(100% + 0.375rem); z-index: 30; width: 17rem;
      background: var(--tabhost-surface); border: 1px solid var(--tabhost-border); border-radius: 10px;
      box-shadow: 0 12px 32px rgb(15 23 42 / 0.16); padding: 0.5rem; }
    .who { padding: 0.5rem 0.625rem 0.75rem; border-bottom: 1px solid var(--tabhost-border); margin-bottom: 0.375rem; }
    .who strong, .who span { display: block; overflow-wrap: anywhere; }
    .who .th-badge { display: inline-block; margin-top: 0.375rem; text-transform: capitalize; }
    .item { display: flex; width: 100%; align-items: center; gap: 0.625rem; padding: 0.5rem 0.625rem;
      border: 0; border-radius: var(--tabhost-radius); background: none; color: var(--tabhost-text); font: inherit;
      text-decoration: none; cursor: pointer; }
    .item:hover { background: var(--tabhost-surface-muted); }
    @media (max-width: 640px) { .name { display: none; } }
  `];
  declare user: User;
  declare base: string;
  declare open: boolean;
  /** Set by the shell: signs out (asking first when there are unsaved changes). */
  declare onSignOut: () => void;

  constructor() {
    super();
    this.open = false;
  }

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('click', this.outside);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('click', this.outside);
  }

  private outside = (event: MouseEvent) => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };

  private keydown(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !this.open) return;
    this.open = false;
    this.renderRoot.querySelector<HTMLElement>('.trigger')?.focus();
  }

  render() {
    const user = this.user;
    // The name holds the visible text (the user's name), so that speech input finds the button by what it shows.
    return html`<div @keydown=${this.keydown}>
      <button class="th-btn trigger" type="button" aria-label="Account menu for ${fullName(user)}"
        aria-expanded=${String(this.open)}
        aria-controls="account-panel" @click=${() => (this.open = !this.open)}>
        <span class="avatar" aria-hidden="true">${initials(user)}</span>
        <span class="name">${fullName(user)}</span>${icon('chevron')}
      </button>
      <div class="panel" id="account-panel" ?hidden=${!this.open}>
        <div class="who">
          <strong>${fullName(user)}</strong>
          <span class="muted">${user.email}</span>
          <span class="th-badge">${user.type}</span>
        </div>
        <a class="item" href="${this.base}profile" @click=${() => (this.open = false)}>${icon('profile')}Profile and security</a>
        <button class="item" type="button" @click=${() => { this.open = false; this.onSignOut(); }}>
          ${icon('sign-out')}Sign out</button>
      </div>
    </div>`;
  }
}
customElements.define('tabhost-account-menu', AccountMenu);
