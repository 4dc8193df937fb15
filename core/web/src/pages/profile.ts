// Profile and security: who one is, two-factor authentication, password.
import { LitElement, css, html } from 'lit';
import { kit, shared } from '../components/styles';
import {
  MISMATCH, formAlert, submitted, newPasswordFields, passwordsDiffer, textField, problemOf, type Problem,
} from '../components/form';
import { qrCode } from '../components/qr';
import { fullName } from '../format';
import { icon } from '../icons';
import { toast } from '../kit';
import type { Me, Services } from '../types';

interface Enrolment {
  otpauth_uri: string;
  secret: string;
}

export class Profile extends LitElement {
  static properties = {
    services: { attribute: false },
    me: { attribute: false },
    enrolment: { state: true },
    codes: { state: true },
    copied: { state: true },
    twoFactorProblem: { state: true },
    passwordProblem: { state: true },
    busy: { state: true },
  };
  static styles = [kit, shared, css`
    :host { display: flex; flex-direction: column; gap: 1.5rem; max-width: 46rem; }
    .th-card { padding: 1.5rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.5rem 1.5rem; margin: 0; }
    dt { color: var(--tabhost-text-muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
    .type { text-transform: capitalize; }
    .enrol { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin: 1rem 0; }
    .qr { width: 11rem; height: 11rem; border: 1px solid var(--tabhost-border); border-radius: var(--tabhost-radius); }
    .secret { font-size: 1rem; letter-spacing: 0.05em; overflow-wrap: anywhere; }
    .enrol > div { flex: 1; min-width: 14rem; }
    form { max-width: 24rem; }
    .codes { columns: 2; column-gap: 2rem; margin: 0 0 1rem; padding-left: 1.75rem; font-size: 1rem; line-height: 1.9; }
    .on { color: var(--tabhost-success); font-weight: 600; }
    @media (max-width: 480px) { .codes { columns: 1; } dl { grid-template-columns: 1fr; gap: 0.125rem; } dd { margin-bottom: 0.5rem; } }
  `];
  declare services: Services;
  declare me: Me;
  declare enrolment: Enrolment | null;
  /** Fresh recovery codes, shown this once. */
  declare codes: string[] | null;
  /** Which copy button just worked. */
  declare copied: string | null;
  declare twoFactorProblem: Problem | null;
  declare passwordProblem: Problem | null;
  declare busy: boolean;
  private copiedTimer?: number;

  constructor() {
    super();
    this.enrolment = null;
    this.codes = null;
    this.copied = null;
    this.twoFactorProblem = null;
    this.passwordProblem = null;
    this.busy = false;
  }

  private get api() {
    return this.services.api;
  }

  /** Runs one 2FA step with the section's busy state and error. */
  private async step(task: () => Promise<void>) {
    this.busy = true;
    this.twoFactorProblem = null;
    try {
      await task();
    } catch (error) {
      this.twoFactorProblem = problemOf(error);
    } finally {
      this.busy = false;
    }
  }

  private async copy(what: string, text: string) {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = what;
      clearTimeout(this.copiedTimer);
      this.copiedTimer = window.setTimeout(() => (this.copied = null), 3000);
    } catch {
      toast(this, 'Could not copy: your browser refused access to the clipboard.', 'error');
    }
  }

  private download(codes: string[]) {
    const url = URL.createObjectURL(new Blob([`${codes.join('\n')}\n`], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'recovery-codes.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private enrol = () => this.step(async () => {
    this.enrolment = await this.api.post<Enrolment>('/auth/2fa/enroll');
  });

  private confirm = (event: SubmitEvent) => {
    const { code } = submitted(event);
    return this.step(async () => {
      this.codes = (await this.api.post<{ recovery_codes: string[] }>('/auth/2fa/confirm', { code })).recovery_codes;
      this.enrolment = null;
    });
  };

  private newCodes = () => this.step(async () => {
    this.codes = (await this.api.post<{ recovery_codes: string[] }>('/auth/2fa/recovery-codes')).recovery_codes;
  });

  private savedCodes = () => {
    this.codes = null;
    void this.services.reloadMe();
  };

  private turnOff = async () => {
    const sure = await this.services.confirm({
      title: 'Turn off two-factor authentication?',
      message: 'Signing in will ask for your password only, and your recovery codes will stop working.',
      confirm: 'Turn off',
      cancel: 'Cancel',
      danger: true,
    });
    if (!sure) return;
    await this.step(async () => {
      await this.api.post('/auth/2fa/disable');
      toast(this, 'Two-factor authentication is off.', 'success');
      await this.services.reloadMe();
    });
  };

  private changePassword = async (event: SubmitEvent) => {
    const values = submitted(event);
    const form = event.target as HTMLFormElement;
    if (passwordsDiffer(values)) {
      this.passwordProblem = MISMATCH;
      return;
    }
    this.busy = true;
    this.passwordProblem = null;
    try {
      await this.api.post('/auth/change-password', {
        current_password: values.current_password, new_password: values.new_password,
      });
      form.reset();
      toast(this, 'Password changed', 'success');
    } catch (error) {
      this.passwordProblem = problemOf(error);
    } finally {
      this.busy = false;
    }
  };

  private codesView(codes: string[]) {
    return html`
      <div class="th-alert th-alert-warning" role="alert">Save these codes now: they will not be shown again.</div>
      <ol class="codes th-mono">${codes.map((code) => html`<li>${code}</li>`)}</ol>
      <div class="row">
        <button class="th-btn" type="button" @click=${() => this.copy('codes', codes.join('\n'))}>
          ${icon('copy')}${this.copied === 'codes' ? 'Copied' : 'Copy codes'}</button>
        <button class="th-btn" type="button" @click=${() => this.download(codes)}>${icon('download')}Download codes</button>
        <button class="th-btn th-btn-primary" type="button" @click=${this.savedCodes}>I have saved my codes</button>
      </div>`;
  }

  private enrolView(enrolment: Enrolment) {
    const grouped = enrolment.secret.match(/.{1,4}/g)?.join(' ') ?? enrolment.secret;
    return html`
      <p>Scan this QR code with your authenticator app, or type the secret into it. Then enter the code it shows.</p>
      <div class="enrol">
        ${qrCode(enrolment.otpauth_uri, 'QR code for your authenticator app')}
        <div>
          <p class="th-label">Secret</p>
          <p class="th-mono secret">${grouped}</p>
          <button class="th-btn" type="button" @click=${() => this.copy('secret', enrolment.secret)}>
            ${icon('copy')}${this.copied === 'secret' ? 'Copied' : 'Copy secret'}</button>
        </div>
      </div>
      ${formAlert(this.twoFactorProblem, ['code'])}
      <form @submit=${this.confirm}>
        ${textField({ name: 'code', label: 'Authentication code', inputmode: 'numeric', autocomplete: 'one-time-code' },
                    this.twoFactorProblem)}
        <div class="row">
          <button class="th-btn th-btn-primary" ?disabled=${this.busy}>Confirm</button>
          <button class="th-btn" type="button" @click=${() => (this.enrolment = null)}>Cancel</button>
        </div>
      </form>`;
  }

  private twoFactor() {
    if (this.me.impersonation.impersonating) return html`<p class="muted">Not available while impersonating</p>`;
    if (this.codes) return this.codesView(this.codes);
    if (this.enrolment) return this.enrolView(this.enrolment);
    const alert = formAlert(this.twoFactorProblem);
    if (this.me.user.two_factor)
      return html`<p><span class="on">Two-factor authentication is on.</span> Signing in asks for a code from your
        authenticator app.</p>
        ${alert}
        <div class="row">
          <button class="th-btn" type="button" ?disabled=${this.busy} @click=${this.newCodes}>New recovery codes</button>
          <button class="th-btn th-btn-danger" type="button" ?disabled=${this.busy} @click=${this.turnOff}>
            Turn off two-factor authentication</button>
        </div>`;
    return html`<p>Protect your account with a second step at sign-in: a code from an authenticator app.</p>
      ${alert}
      <button class="th-btn th-btn-primary" type="button" ?disabled=${this.busy} @click=${this.enrol}>
        Set up two-factor authentication</button>`;
  }

  private password() {
    if (this.me.impersonation.impersonating) return html`<p class="muted">Not available while impersonating</p>`;
    const problem = this.passwordProblem;
    return html`${formAlert(problem, ['current_password', 'new_password', 'repeat_password'])}
      <form @submit=${this.changePassword}>
        ${textField({ name: 'current_password', label: 'Current password', type: 'password',
                      autocomplete: 'current-password' }, problem)}
        ${newPasswordFields(problem)}
        <button class="th-btn th-btn-primary" ?disabled=${this.busy}>Change password</button>
      </form>`;
  }

  render() {
    const user = this.me.user;
    return html`
      <section class="th-card">
        <h2>Your account</h2>
        <dl>
          <dt>Name</dt><dd>${fullName(user)}</dd>
          <dt>Email</dt><dd>${user.email}</dd>
          <dt>Type</dt><dd class="type">${user.type}</dd>
        </dl>
      </section>
      <section class="th-card">
        <h2>Two-factor authentication</h2>
        ${this.twoFactor()}
      </section>
      <section class="th-card">
        <h2>Change password</h2>
        ${this.password()}
      </section>`;
  }
}
customElements.define('tabhost-profile', Profile);
