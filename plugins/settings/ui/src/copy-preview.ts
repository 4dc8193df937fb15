// The marketing copy as it will be served, beside the form: the server turns
// the copy into HTML (POST /settings/marketing-preview, the same function
// that makes the branding's marketing_html), a moment after the typing
// stops. Renders into the tab's shadow root.
import { LitElement, html, type PropertyValues } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { alertOf, problemOf, type Problem } from './shared.js';

/** How long the typing must pause before the preview is asked for. */
const DEBOUNCE_MS = 300;

class CopyPreview extends LitElement {
  static properties = {
    context: { attribute: false },
    copy: { attribute: false },
    format: { attribute: false },
    served: { state: true },
    problem: { state: true },
  };
  declare context?: TabContext;
  /** The form's marketing_copy and marketing_format, as they would be saved. */
  declare copy: unknown;
  declare format: unknown;
  /** The HTML the server made of the copy last asked about. */
  declare served: string | null;
  declare problem: Problem | null;

  #timer?: ReturnType<typeof setTimeout>;
  /** The request on its way: a newer edit aborts it, so a late answer never replaces a newer one. */
  #pending?: AbortController;

  constructor() {
    super();
    this.copy = null;
    this.format = null;
    this.served = null;
    this.problem = null;
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('copy') || changed.has('format')) this.schedule();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.stop();
  }

  private stop() {
    clearTimeout(this.#timer);
    this.#pending?.abort();
    this.#pending = undefined;
  }

  private schedule() {
    this.stop();
    if (!this.text) {
      this.served = null;
      this.problem = null;
      return;
    }
    this.#timer = setTimeout(() => void this.ask(), DEBOUNCE_MS);
  }

  private get text() {
    return typeof this.copy === 'string' ? this.copy : '';
  }

  private async ask() {
    const ctx = this.context;
    if (!ctx) return;
    const pending = (this.#pending = new AbortController());
    try {
      const answer = await ctx.api.post<{ html: string }>(
        '/settings/marketing-preview',
        { marketing_copy: this.text, marketing_format: this.format ?? 'plain' },
        { signal: pending.signal },
      );
      this.served = answer.html;
      this.problem = null;
    } catch (error) {
      if (!pending.signal.aborted) this.problem = problemOf(error);
    }
  }

  protected render() {
    return html`<h2>Marketing copy preview</h2>
      <p class="th-hint">
        ${this.format === 'markdown' ? 'Markdown' : 'Plain text'}, exactly as the branding will serve it.
      </p>
      ${alertOf(this.problem)}
      ${!this.text
        ? html`<p class="th-hint">No marketing copy.</p>`
        : this.served === null
          ? html`<span class="th-skeleton"></span>`
          : // The server escaped everything and let only its safe Markdown subset through
            // (SafeMarkdown.hpp): HTML it sanitised is the one thing a tab may insert as HTML.
            html`<div class="served">${unsafeHTML(this.served)}</div>`}`;
  }
}

if (!customElements.get('tabhost-general-copy-preview'))
  customElements.define('tabhost-general-copy-preview', CopyPreview);
