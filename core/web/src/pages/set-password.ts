// The page an invitation or a password-reset email links to.
import { LitElement, html, nothing } from 'lit';
import { authFrame, authStyles } from './auth-frame';
import { kit, shared } from '../components/styles';
import {
  MISMATCH, formAlert, submitted, newPasswordFields, passwordsDiffer, problemOf, type Problem,
} from '../components/form';
import { ApiError, type Api } from '../api';
import type { Branding } from '../kit';
import type { LinkToken } from '../router';

// The link's refusals that trying again cannot change: used, replaced or expired; an account no longer invited.
const FINAL_REFUSALS = new Set(['invalid_link', 'invalid_status']);

export class SetPassword extends LitElement {
  static properties = {
    branding: { attribute: false },
    link: { attribute: false },
    base: {},
    problem: { state: true },
    busy: { state: true },
    done: { state: true },
  };
  static styles = [kit, shared, authStyles];
  declare branding: Branding;
  declare link: LinkToken | null;
  declare base: string;
  declare problem: Problem | null;
  declare busy: boolean;
  declare done: boolean;
  declare api: Api;
  /** Set by the shell: an accepted invitation signs in. */
  declare onSignedIn: () => Promise<void>;
  /** Set by the shell: the link was used or refused for good, so its token goes (this page's `link` too). */
  declare onLinkSpent: () => void;

  constructor() {
    super();
    this.problem = null;
    this.busy = false;
    this.done = false;
  }

  private async submit(event: SubmitEvent) {
    const values = submitted(event);
    const link = this.link;
    if (!link) return;
    if (passwordsDiffer(values, 'password')) {
      this.problem = MISMATCH;
      return;
    }
    this.busy = true;
    this.problem = null;
    let spent = false;
    try {
      const body = { token: link.token, password: values.password };
      if (link.purpose === 'invite') {
        await this.api.post('/auth/accept-invite', body);
        spent = true;
        await this.onSignedIn();
      } else {
        await this.api.post('/auth/reset-password', body);
        spent = true;
        this.done = true;
      }
    } catch (error) {
      this.problem = problemOf(error);
      spent ||= error instanceof ApiError && FINAL_REFUSALS.has(error.code);
    } finally {
      this.busy = false;
      if (spent) this.onLinkSpent();
    }
  }

  private content() {
    const signIn = html`<a class="th-btn th-btn-primary" href="${this.base}sign-in">Sign in</a>`;
    if (this.done)
      return html`<div class="th-alert th-alert-success" role="status">Your password is set. You can sign in with it now.</div>
        ${signIn}`;
    // No link: none came, or the one that came was refused (the problem says why).
    if (!this.link) {
      const incomplete = html`<div class="th-alert th-alert-error" role="alert">
        This link is incomplete: open it again from your email.</div>`;
      return html`${this.problem ? formAlert(this.problem) : incomplete}${signIn}`;
    }
    return html`
      ${formAlert(this.problem, ['password', 'repeat_password'])}
      <form @submit=${this.submit}>
        ${newPasswordFields(this.problem, 'password')}
        <button class="th-btn th-btn-primary" ?disabled=${this.busy}>Save password</button>
      </form>`;
  }

  render() {
    return authFrame(this.branding, html`<h1>Choose your password</h1>
      ${this.link?.purpose === 'invite' && !this.done
        ? html`<p class="lead">Welcome! Choose a password to finish setting up your account.</p>` : nothing}
      ${this.content()}`);
  }
}
customElements.define('tabhost-set-password', SetPassword);
