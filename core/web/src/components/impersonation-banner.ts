// While an admin acts as another user: who, by whom, and how long is left.
// Always on top, never dismissable, amber whatever the tenant's colours.
import { LitElement, css, html } from 'lit';
import { kit, shared } from './styles';
import { fullName, utcIso } from '../format';
import type { Impersonation, User } from '../kit';

function remaining(expiresAt: string): number {
  const end = Date.parse(utcIso(expiresAt));
  return Number.isNaN(end) ? 0 : Math.max(0, Math.round((end - Date.now()) / 1000));
}

const two = (n: number) => String(n).padStart(2, '0');
// "09:59": mm:ss, as the banner's wording promises (minutes past 99 just grow).
const clock = (seconds: number) => `${two(Math.floor(seconds / 60))}:${two(seconds % 60)}`;

export class ImpersonationBanner extends LitElement {
  static properties = { impersonation: { attribute: false }, user: { attribute: false }, left: { state: true } };
  static styles = [kit, shared, css`
    :host { display: block; background: #fcd34d; color: #1c1917; border-bottom: 1px solid #b45309; }
    .inner { display: flex; flex-wrap: wrap; align-items: center; justify-content: center; gap: 0.375rem 1rem;
      padding: 0.5rem 1rem; font-weight: 500; }
    p { margin: 0; text-align: center; }
    .time { font-variant-numeric: tabular-nums; font-weight: 700; }
    .th-btn { min-height: 2rem; background: #1c1917; border-color: #1c1917; color: #fff; }
    .th-btn:hover { background: #44403c; }
    .th-badge { background: #fffbeb; border-color: #b45309; color: #1c1917; }
  `];
  declare impersonation: Impersonation;
  declare user: User;
  declare left: number;
  /** Set by the shell. */
  declare onStop: () => void;
  /** Set by the shell: the time box ran out (the server ends the session). */
  declare onExpired: () => void;
  private timer?: number;

  constructor() {
    super();
    this.left = 0;
  }

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('impersonation')) this.start();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private start() {
    clearInterval(this.timer);
    const tick = () => {
      this.left = remaining(this.impersonation.expires_at);
      if (this.left > 0) return;
      clearInterval(this.timer);
      this.onExpired();
    };
    this.left = remaining(this.impersonation.expires_at);
    this.timer = window.setInterval(tick, 1000);
  }

  render() {
    const { user, impersonation } = this;
    return html`<div class="inner" role="region" aria-label="Impersonation">
      ${impersonation.read_only ? html`<span class="th-badge">Read-only</span>` : ''}
      <p>You are signed in as ${fullName(user)} (${user.email}) by ${impersonation.by.name} — ends in <span
        class="time">${clock(this.left)}</span> —</p>
      <button class="th-btn" type="button" @click=${() => this.onStop()}>Stop impersonating</button>
    </div>`;
  }
}
customElements.define('tabhost-impersonation-banner', ImpersonationBanner);
