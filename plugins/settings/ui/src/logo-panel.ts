// The uploaded logo beside the form: what is uploaded now (served by the API,
// as the dashboard shows it), the size limit, an upload (PUT /settings/logo
// with the file as the body) and its removal. The server decides what a file
// is by its bytes: a renamed text file or an SVG with script is refused with
// its reason, shown beside the file input. Renders into the tab's shadow root.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { openHistory, refresh, toast, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { alertOf, mayChange, problemOf, problemText, type Problem } from './shared.js';

/** The uploaded logo, as the API describes it. */
interface Logo {
  content_type: string;
  bytes: number;
  uploaded_at: string;
  url: string;
}

/** GET /settings/logo/details. */
interface Details {
  max_bytes: number;
  logo: Logo | null;
}

const KIND: Record<string, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/svg+xml': 'SVG' };

function size(bytes: number) {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`;
}

class LogoPanel extends LitElement {
  static properties = {
    context: { attribute: false },
    overridden: { attribute: false },
    details: { state: true },
    file: { state: true },
    refusal: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  declare context?: TabContext;
  /** A logo URL is set in the form: it is shown instead of the upload. */
  declare overridden: boolean;
  /** null until loaded. */
  declare details: Details | null;
  declare file: File | null;
  /** Why the server refused the file, beside the file input. */
  declare refusal: string | null;
  /** Any other error: loading, removing. */
  declare problem: Problem | null;
  declare busy: boolean;

  #loadedFor = '';

  constructor() {
    super();
    this.overridden = false;
    this.details = null;
    this.file = null;
    this.refusal = null;
    this.problem = null;
    this.busy = false;
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!changed.has('context') || !ctx || ctx.tenant.id === this.#loadedFor) return;
    this.#loadedFor = ctx.tenant.id;
    void this.load(ctx);
  }

  private async load(ctx: TabContext) {
    try {
      this.details = await ctx.api.get<Details>('/settings/logo/details');
    } catch (error) {
      this.problem = problemOf(error);
    }
  }

  private choose(e: Event) {
    this.file = (e.target as HTMLInputElement).files?.[0] ?? null;
    this.refusal = null;
  }

  private async upload(e: SubmitEvent) {
    e.preventDefault();
    const ctx = this.context;
    const file = this.file;
    if (!ctx || !file || this.busy) return;
    this.busy = true;
    this.refusal = null;
    this.problem = null;
    try {
      // The server reads the type from the bytes; the file's own type only labels the request.
      const answer = await ctx.api.request<{ logo: Logo }>('PUT', '/settings/logo', { raw: file });
      this.details = { ...this.details!, logo: answer.body.logo };
      this.file = null;
      this.querySelector<HTMLFormElement>('form.upload')?.reset();
      toast(this, 'Logo uploaded', 'success');
      refresh(this); // the shell's header shows the new logo
    } catch (error) {
      this.refusal = problemText(problemOf(error));
      await this.updateComplete;
      this.querySelector<HTMLElement>('#logo-file')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private async removeLogo() {
    const ctx = this.context;
    if (!ctx || this.busy) return;
    this.busy = true;
    this.problem = null;
    try {
      await ctx.api.delete('/settings/logo');
      this.details = { ...this.details!, logo: null };
      toast(this, 'Uploaded logo removed', 'success');
      refresh(this);
      await this.updateComplete;
      this.querySelector<HTMLElement>('#logo-file')?.focus();
    } catch (error) {
      this.problem = problemOf(error);
    } finally {
      this.busy = false;
    }
  }

  private current(logo: Logo | null) {
    if (!logo) return html`<p class="th-hint current">No logo uploaded.</p>`;
    return html`<figure class="current">
      <div class="logo-frame"><img src=${logo.url} alt="The uploaded logo" /></div>
      <figcaption class="th-hint">${KIND[logo.content_type] ?? logo.content_type}, ${size(logo.bytes)}</figcaption>
    </figure>`;
  }

  private form(ctx: TabContext, d: Details) {
    const described = ['logo-limit', this.refusal ? 'logo-refusal' : ''].filter(Boolean).join(' ');
    return html`<form class="upload" novalidate @submit=${this.upload}>
      <div class="th-field">
        <label for="logo-file">Upload a logo</label>
        <input type="file" id="logo-file" accept="image/png,image/jpeg,image/svg+xml"
          aria-invalid=${this.refusal ? 'true' : nothing} aria-describedby=${described} @change=${this.choose} />
        <span class="th-hint" id="logo-limit">PNG, JPEG or SVG, at most ${size(d.max_bytes)}. An SVG may not hold
          scripts, event handlers or links to code.</span>
        ${this.refusal ? html`<p class="th-error" id="logo-refusal" role="alert">${this.refusal}</p>` : nothing}
      </div>
      <div class="th-toolbar">
        <button class="th-btn th-btn-primary" ?disabled=${!this.file || this.busy} aria-busy=${String(this.busy)}>
          Upload
        </button>
        ${d.logo
          ? html`<button type="button" class="th-btn" ?disabled=${this.busy} @click=${this.removeLogo}>
              Remove uploaded logo
            </button>`
          : nothing}
        ${ctx.can('audit.read')
          ? html`<button type="button" class="th-btn th-btn-link"
              @click=${() => openHistory(this, 'settings', 'logo', 'Logo')}>History</button>`
          : nothing}
      </div>
    </form>`;
  }

  protected render() {
    const ctx = this.context;
    const d = this.details;
    if (!ctx) return nothing;
    return html`<h2>Logo upload</h2>
      ${this.overridden
        ? html`<p class="th-alert th-alert-warning">The form's Logo URL is set and is used instead of an upload;
            clear it to use the upload.</p>`
        : nothing}
      ${alertOf(this.problem)}
      ${d
        ? html`${this.current(d.logo)}${mayChange(ctx, 'settings.write') ? this.form(ctx, d) : nothing}`
        : this.problem ? nothing : html`<span class="th-skeleton"></span>`}`;
  }
}

if (!customElements.get('tabhost-general-logo')) customElements.define('tabhost-general-logo', LogoPanel);
