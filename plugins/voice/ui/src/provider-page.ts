// A provider's page (Voice for Twilio, Voice AI for ElevenLabs): its settings
// through the shell's generic form, which masks secrets, locks what the
// provider set and handles a 412, and beside it a check of the saved
// credentials in words. Renders into the tab's shadow root.
import { LitElement, html, nothing } from 'lit';
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { accepted, refused, type CheckAnswer, type Outcome, type Provider } from './providers.js';
import { canWrite } from './shared.js';

class ProviderPage extends LitElement {
  static properties = {
    context: { attribute: false },
    provider: { attribute: false },
    outcome: { state: true },
    checking: { state: true },
    unsaved: { state: true },
  };
  declare context?: TabContext;
  declare provider: Provider;
  /** The last check's result; null before any, or once the saved credentials changed. */
  declare outcome: Outcome | null;
  declare checking: boolean;
  /** The form holds changes the check would not see (it reads the saved settings). */
  declare unsaved: boolean;

  /** Counts checks: only the latest one's answer is shown. */
  #checks = 0;
  #controller?: AbortController;

  constructor() {
    super();
    this.outcome = null;
    this.checking = false;
    this.unsaved = false;
  }

  protected createRenderRoot() {
    return this;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#forget();
  }

  /** An answer on its way is about credentials no longer shown: it is dropped. */
  #forget() {
    this.#controller?.abort();
    this.#checks++;
    this.checking = false;
    this.outcome = null;
  }

  private async check() {
    const ctx = this.context;
    if (!ctx || this.checking) return;
    const check = ++this.#checks;
    const controller = (this.#controller = new AbortController());
    this.checking = true;
    this.outcome = null;
    let outcome: Outcome;
    try {
      const answer = await ctx.api.post<CheckAnswer>(this.provider.testPath, undefined, { signal: controller.signal });
      outcome = accepted(answer);
    } catch (error) {
      outcome = refused(this.provider, error);
    }
    if (check !== this.#checks) return;
    this.checking = false;
    this.outcome = outcome;
  }

  private result() {
    if (this.checking) return html`<p>Asking ${this.provider.name}…</p>`;
    const o = this.outcome;
    if (!o) return nothing;
    return html`<div class="th-alert ${o.ok ? 'th-alert-success' : 'th-alert-error'} outcome">
      <strong>${o.text}</strong>${o.detail ? html`<p>${o.detail}</p>` : nothing}
    </div>`;
  }

  private checkPanel() {
    const { name } = this.provider;
    return html`<section class="th-card check" aria-labelledby="check-title">
      <h3 id="check-title">Test credentials</h3>
      <p class="th-hint">Asks ${name} whether the stored credentials work. Nothing is changed there.</p>
      ${this.unsaved
        ? html`<p class="th-hint unsaved">Save first: the test uses the stored credentials, not the changes above.</p>`
        : nothing}
      <button type="button" class="th-btn th-btn-primary" ?disabled=${this.checking}
        aria-busy=${String(this.checking)} @click=${this.check}>Test credentials</button>
      <div class="result" role="status">${this.result()}</div>
    </section>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    const { page, intro } = this.provider;
    return html`<section aria-labelledby="page-title">
      <!-- The shell's heading and the tab's navigation already show the title: here it is for screen readers. -->
      <h2 id="page-title" class="th-visually-hidden">${page.title}</h2>
      <p class="th-hint">${intro}</p>
      <div class="provider">
        <tabhost-settings-form .context=${ctx} .page=${page}
          @tabhost:unsaved=${(e: CustomEvent<{ unsaved: boolean }>) => (this.unsaved = e.detail.unsaved)}
          @tabhost:settings-saved=${this.#forget}></tabhost-settings-form>
        ${canWrite(ctx) ? this.checkPanel() : nothing}
      </div>
    </section>`;
  }
}

if (!customElements.get('tabhost-voice-provider')) customElements.define('tabhost-voice-provider', ProviderPage);
