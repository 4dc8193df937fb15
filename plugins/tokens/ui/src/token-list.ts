// The list view: the tenant's live tokens, and revoking one behind a
// confirmation dialog. Renders into the tab's shadow root (no shadow root of
// its own), so the kit's styles apply.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { navigate, openHistory, toast, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { badges, skeletonRows, when } from '../../../common/ui/src/table-parts.js';
import { problemOf, problemText, type Problem, type Token } from './shared.js';

const COLUMNS = ['Name', 'Token', 'Scopes', 'Created', 'Expires', 'Last used'];
/** More scopes than this collapse into "+N more", so that rows stay one line. */
const MAX_BADGES = 3;


class TokenList extends LitElement {
  static properties = {
    context: { attribute: false },
    tokens: { state: true },
    loadError: { state: true },
    revoking: { state: true },
    revokeError: { state: true },
    busy: { state: true },
  };
  declare context?: TabContext;
  /** null until the first answer: the skeleton shows meanwhile. */
  declare tokens: Token[] | null;
  declare loadError: Problem | null;
  /** The token the confirmation dialog is about. */
  declare revoking: Token | null;
  declare revokeError: Problem | null;
  declare busy: boolean;

  /** Whether the last context let the user read tokens; undefined before the first. */
  #readable?: boolean;
  /** Counts loads, so that only the latest one's answer is shown. */
  #loads = 0;
  /** The Revoke button that opened the dialog, to take focus back to. */
  #opener: HTMLElement | null = null;

  constructor() {
    super();
    this.tokens = null;
    this.loadError = null;
    this.revoking = null;
    this.revokeError = null;
    this.busy = false;
  }

  protected createRenderRoot() {
    return this;
  }

  // The shell sets a new context on any change (branding too): load on the
  // first one, and again only if the read permission comes back.
  protected willUpdate(changed: PropertyValues<this>) {
    if (!changed.has('context') || !this.context) return;
    const readable = this.context.can('tokens.read');
    if (readable !== this.#readable) {
      this.#readable = readable;
      if (readable) void this.load();
    }
  }

  private async load() {
    const ctx = this.context;
    if (!ctx) return;
    const load = ++this.#loads;
    this.loadError = null;
    try {
      const body = await ctx.api.get<{ items: Token[] }>('/tokens');
      if (load === this.#loads) this.tokens = body.items;
    } catch (err) {
      if (load === this.#loads) this.loadError = problemOf(err);
    }
  }

  private retry() {
    this.tokens = null;
    void this.load();
  }

  private get dialog() {
    return this.querySelector('dialog')!;
  }

  private async askRevoke(token: Token, opener: HTMLElement) {
    this.#opener = opener;
    this.revoking = token;
    this.revokeError = null;
    await this.updateComplete;
    this.dialog.showModal();
  }

  private async revoke() {
    const ctx = this.context;
    const token = this.revoking;
    if (!ctx || !token || this.busy) return;
    this.busy = true;
    this.revokeError = null;
    try {
      await ctx.api.delete(`/tokens/${encodeURIComponent(token.id)}`);
    } catch (err) {
      this.revokeError = problemOf(err);
      return;
    } finally {
      this.busy = false;
    }
    this.#opener = null; // its row is about to go
    this.dialog.close();
    toast(this, 'Token revoked', 'success');
    await this.load();
    await this.updateComplete;
    // Focus where the row was: the table, or what replaced it.
    this.querySelector<HTMLElement>('.th-table-wrap, .th-empty, .th-alert')?.focus();
  }

  // Escape, Cancel and a successful revoke all end here.
  private onDialogClose() {
    this.revoking = null;
    this.revokeError = null;
    this.#opener?.focus();
    this.#opener = null;
  }

  private issueButton(ctx: TabContext) {
    return html`<button type="button" class="th-btn th-btn-primary" @click=${() => navigate(this, `${ctx.route.tab}/new`)}>
      Issue token
    </button>`;
  }

  private row(t: Token, canRevoke: boolean) {
    return html`<tr>
      <td data-label="Name"><div class="th-truncate" title=${t.name}>${t.name}</div></td>
      <td data-label="Token"><span class="th-mono">${t.hint}</span></td>
      <td data-label="Scopes">${badges(t.scopes, MAX_BADGES)}</td>
      <td data-label="Created">${when(t.created_at)}</td>
      <td data-label="Expires">${when(t.expires_at)}</td>
      <td data-label="Last used">${when(t.last_used_at)}</td>
      <td class="actions">
        <button
          type="button"
          class="th-btn th-btn-link"
          aria-label="History of ${t.name}"
          @click=${() => openHistory(this, 'api_tokens', t.id, t.name)}
        >
          History
        </button>
        ${canRevoke
          ? html`<button
              type="button"
              class="th-btn th-btn-danger"
              aria-label="Revoke ${t.name}"
              @click=${(e: Event) => this.askRevoke(t, e.currentTarget as HTMLElement)}
            >
              Revoke
            </button>`
          : nothing}
      </td>
    </tr>`;
  }

  private content(ctx: TabContext) {
    if (!ctx.can('tokens.read')) return html`<p class="th-empty">You do not have permission to see API tokens.</p>`;
    if (this.loadError) {
      return html`<div class="th-alert th-alert-error" role="alert" tabindex="-1">
        <p>${problemText(this.loadError)}</p>
        <button type="button" class="th-btn" @click=${this.retry}>Retry</button>
      </div>`;
    }
    if (this.tokens?.length === 0) {
      return html`<div class="th-empty" tabindex="-1">
        <p>No API tokens yet.</p>
        ${ctx.can('tokens.issue') ? this.issueButton(ctx) : nothing}
      </div>`;
    }
    const canRevoke = ctx.can('tokens.revoke');
    return html`<div class="th-table-wrap" tabindex="-1">
      <table class="th-table th-stack" aria-busy=${this.tokens ? 'false' : 'true'}>
        <caption class="th-visually-hidden">API tokens</caption>
        <thead>
          <tr>
            ${COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}
            <th scope="col"><span class="th-visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.tokens ? this.tokens.map((t) => this.row(t, canRevoke)) : skeletonRows([...COLUMNS, ''])}
        </tbody>
      </table>
    </div>`;
  }

  private confirmation() {
    const t = this.revoking;
    return html`<dialog
      aria-labelledby="revoke-title"
      @close=${this.onDialogClose}
      @cancel=${(e: Event) => this.busy && e.preventDefault()}
    >
      ${t
        ? html`<h2 id="revoke-title">Revoke ${t.name}?</h2>
            <p>Scripts and integrations using this token stop working at once. This cannot be undone.</p>
            ${this.revokeError
              ? html`<div class="th-alert th-alert-error" role="alert">${problemText(this.revokeError)}</div>`
              : nothing}
            <div class="th-dialog-actions">
              <button type="button" class="th-btn" autofocus ?disabled=${this.busy} @click=${() => this.dialog.close()}>
                Cancel
              </button>
              <button
                type="button"
                class="th-btn th-btn-danger"
                ?disabled=${this.busy}
                aria-busy=${String(this.busy)}
                @click=${this.revoke}
              >
                Revoke token
              </button>
            </div>`
        : nothing}
    </dialog>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    return html`<div class="th-toolbar">
        <p class="th-grow">
          Tokens let scripts and integrations call the API as you. Each has only the scopes you choose.
        </p>
        ${ctx.can('tokens.issue') ? this.issueButton(ctx) : nothing}
      </div>
      ${this.content(ctx)} ${this.confirmation()}`;
  }
}

if (!customElements.get('tabhost-tokens-list')) customElements.define('tabhost-tokens-list', TokenList);
