// Sign-in: email and password, then the second factor when the account has
// one, then a new password when the one used was temporary.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { authFrame, authStyles } from './auth-frame';
import { kit, shared } from '../components/styles';
import {
  MISMATCH, formAlert, submitted, newPasswordFields, passwordsDiffer, textField, problemOf, type Problem,
} from '../components/form';
import { ApiError, type Api } from '../api';
import type { Branding } from '../kit';

type Step = 'password' | 'totp' | 'recovery' | 'change';

export class SignIn extends LitElement {
  static properties = {
    branding: { attribute: false },
    mustChange: { type: Boolean },
    step: { state: true },
    problem: { state: true },
    busy: { state: true },
    wait: { state: true },
  };
  static styles = [kit, shared, authStyles];
  declare branding: Branding;
  /** /me says the password must change first (the temporary one is not in memory then). */
  declare mustChange: boolean;
  declare step: Step;
  declare problem: Problem | null;
  declare busy: boolean;
  /** Seconds before sign-in may be tried again (429), counted down on the button for the eye only. */
  declare wait: number;
  declare api: Api;
  /** Set by the shell: loads the session and goes on to the page asked for. */
  declare onSignedIn: () => Promise<void>;
  // Kept for the second step and the forced change, never beyond.
  private email = '';
  private password = '';
  private waitTimer?: number;
  /** The wait as the alert told it when it came: an alert changing every second would be read out every second. */
  private announcedWait = 0;

  constructor() {
    super();
    this.mustChange = false;
    this.step = 'password';
    this.problem = null;
    this.busy = false;
    this.wait = 0;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.waitTimer);
  }

  protected willUpdate() {
    if (this.mustChange) this.step = 'change';
  }

  protected updated(changed: PropertyValues<this>) {
    if (changed.has('step')) this.renderRoot.querySelector('input')?.focus();
  }

  private goTo(step: Step) {
    this.step = step;
    this.problem = null;
  }

  private async run(task: () => Promise<void>) {
    this.busy = true;
    this.problem = null;
    try {
      await task();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'totp_required') this.goTo('totp');
      else if (error instanceof ApiError && error.status === 429) this.countDown(error.retryAfter ?? 1);
      else {
        if (error instanceof ApiError && error.code === 'invalid_credentials') this.forgetPassword();
        this.problem = problemOf(error);
      }
    } finally {
      this.busy = false;
    }
  }

  private countDown(seconds: number) {
    const until = Date.now() + seconds * 1000;
    const tick = () => {
      this.wait = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      if (!this.wait) clearInterval(this.waitTimer);
    };
    clearInterval(this.waitTimer);
    tick();
    this.announcedWait = this.wait;
    this.waitTimer = window.setInterval(tick, 1000);
  }

  /** A refused password is typed anew, never sent again: the step that asks for it shows. */
  private forgetPassword() {
    this.password = '';
    if (this.step === 'totp' || this.step === 'recovery') this.step = 'password';
  }

  private async finish() {
    this.password = '';
    await this.onSignedIn();
  }

  private submit(event: SubmitEvent) {
    const values = submitted(event);
    if (this.step === 'change') {
      if (passwordsDiffer(values)) {
        this.problem = MISMATCH;
        return;
      }
      return this.run(async () => {
        await this.api.post('/auth/change-password', {
          current_password: this.password || values.current_password,
          new_password: values.new_password,
        });
        await this.finish();
      });
    }
    if (this.step === 'password') ({ email: this.email, password: this.password } = values);
    return this.run(async () => {
      const answer = await this.api.post<{ password_change_required: boolean }>('/auth/login', {
        email: this.email, password: this.password, totp: values.totp, recovery_code: values.recovery_code,
      });
      if (answer.password_change_required) this.goTo('change');
      else await this.finish();
    });
  }

  private fields() {
    const problem = this.problem;
    switch (this.step) {
      case 'password':
        return html`
          ${textField({ name: 'email', label: 'Email', type: 'email', autocomplete: 'username' }, problem)}
          ${textField({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }, problem)}`;
      case 'totp':
        return textField({ name: 'totp', label: 'Authentication code', inputmode: 'numeric',
                           autocomplete: 'one-time-code' }, problem);
      case 'recovery':
        return textField({ name: 'recovery_code', label: 'Recovery code', autocomplete: 'off' }, problem);
      case 'change':
        return html`
          ${this.password ? nothing : textField({ name: 'current_password', label: 'Current password',
                                                   type: 'password', autocomplete: 'current-password' }, problem)}
          ${newPasswordFields(problem)}`;
    }
  }

  private static readonly copy: Record<Step, { lead: string; button: string; names: string[] }> = {
    password: { lead: '', button: 'Sign in', names: ['email', 'password'] },
    totp: { lead: 'Enter the code your authenticator app shows.', button: 'Verify', names: ['totp'] },
    recovery: {
      lead: 'Enter one of the recovery codes you saved when you set up two-factor authentication.',
      button: 'Verify',
      names: ['recovery_code'],
    },
    change: {
      lead: 'Your password was temporary: choose the one you will use from now on.',
      button: 'Save password',
      names: ['current_password', 'new_password', 'repeat_password'],
    },
  };

  render() {
    const step = this.step;
    const copy = SignIn.copy[step];
    const heading = step === 'change' ? 'Choose a new password' : `Sign in to ${this.branding.product_name}`;
    return authFrame(this.branding, html`
      <h1>${heading}</h1>
      ${copy.lead ? html`<p class="lead">${copy.lead}</p>` : nothing}
      ${this.wait > 0
        ? html`<div class="th-alert th-alert-error" role="alert">
            Too many attempts. Try again in ${this.announcedWait} s.</div>`
        : formAlert(this.problem, copy.names)}
      <form @submit=${this.submit}>
        ${this.fields()}
        <button class="th-btn th-btn-primary" ?disabled=${this.busy || this.wait > 0}>${copy.button}${
          this.wait > 0 ? html`<span aria-hidden="true">(${this.wait} s)</span>` : nothing}</button>
      </form>
      ${step === 'totp' || step === 'recovery' ? html`<p class="switch">
        <button class="th-btn th-btn-link" type="button" @click=${() => this.goTo(step === 'totp' ? 'recovery' : 'totp')}>
          ${step === 'totp' ? 'Use a recovery code instead' : 'Use an authentication code instead'}</button></p>` : nothing}`,
      step === 'password');
  }
}
customElements.define('tabhost-sign-in', SignIn);
