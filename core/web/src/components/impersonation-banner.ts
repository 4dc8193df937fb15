// While an admin acts as another user: who, by whom, and how long is left.
// Always on top, never dismissable, amber whatever the tenant's colours.
import { LitElement, css, html } from 'lit';
import { kit, shared } from './styles';
import { fullName } from '../format';
import { utcIso, type Impersonation, type User } from '../kit';

/** Seconds until `expiresAt`, a time on the server's clock, which is `offset` ms ahead of this one. */
function remaining(expiresAt: string, offset: number): number {
  const end = Date.parse(utcIso(expiresAt));
  return Number.isNaN(end) ? 0 : Math.max(0, Math.round((end - (Date.now() + offset)) / 1000));
}

const two = (n: number) => String(n).padStart(2, '0');
// "09:59": mm:ss, as the banner's wording promises (minutes past 99 just grow).
const clock = (seconds: number) => `${two(Math.floor(seconds / 60))}:${two(seconds % 60)}`;

export class ImpersonationBanner extends LitElement {
  static properties = {
    impersonation: { attribute: false },
    user: { attribute: false },
    clockOffset: { attribute: false },
    left: { state: true },
  };
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
  /** Set by the shell: how many ms the server's clock is ahead of this browser's (its Date header). */
  declare clockOffset: number;
  declare left: number;
  /** Set by the shell. */
  declare onStop: () => void;
  /** Set by the shell: the time box ran out (the server ends the session). */
  declare onExpired: () => void;
  private timer?: number;
  /** The impersonation whose end was reported: a /me that still shows it does not have it reported again. */
  private reported?: string;

  constructor() {
    super();
    this.clockOffset = 0;
    this.left = 0;
  }

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('impersonation') || changed.has('clockOffset')) this.start();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private start() {
    clearInterval(this.timer);
    this.tick();
    if (this.left > 0) this.timer = window.setInterval(() => this.tick(), 1000);
  }

  private tick() {
    this.left = remaining(this.impersonation.expires_at, this.clockOffset);
    if (this.left > 0) return;
    clearInterval(this.timer);
    if (this.reported === this.impersonation.id) return;
    this.reported = this.impersonation.id;
    this.onExpired();
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
