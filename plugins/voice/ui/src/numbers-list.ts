// The inbound numbers: which are live and where each is routed, with edit,
// history and deactivate (behind a confirmation) on each row. Which numbers
// show (active, deactivated, all) lives in the URL. Renders into the tab's
// shadow root (no shadow root of its own).
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { navigate, openHistory, toast, type TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { follow } from '../../../common/ui/src/links.js';
import { skeletonRows, when } from '../../../common/ui/src/table-parts.js';
import {
  VIEWS,
  canWrite,
  numberLabel,
  numberUrl,
  problemOf,
  problemText,
  routingLabel,
  viewUrl,
  type InboundNumber,
  type Problem,
} from './shared.js';

const COLUMNS = ['Number', 'Friendly name', 'Routed to', 'Status', 'Updated'];
/** The URL's ?show= and what the API is asked for (GET /voice/numbers?active=). */
const SHOWN = {
  active: { label: 'Active numbers', active: 'true' },
  deactivated: { label: 'Deactivated numbers', active: 'false' },
  all: { label: 'All numbers', active: undefined },
} as const;
type Shown = keyof typeof SHOWN;

function shownOf(query: URLSearchParams): Shown {
  const value = query.get('show');
  return value && Object.hasOwn(SHOWN, value) ? (value as Shown) : 'active';
}

class NumbersList extends LitElement {
  static properties = {
    context: { attribute: false },
    numbers: { state: true },
    loadError: { state: true },
    deactivating: { state: true },
    deactivateError: { state: true },
    busy: { state: true },
  };
  declare context?: TabContext;
  /** null until the first answer: the skeleton shows meanwhile. */
  declare numbers: InboundNumber[] | null;
  declare loadError: Problem | null;
  /** The number the confirmation dialog is about. */
  declare deactivating: InboundNumber | null;
  declare deactivateError: Problem | null;
  declare busy: boolean;

  /** What the rows are for: a context asking for other numbers loads again. */
  #shown?: Shown;
  /** Counts loads: only the latest one's answer is shown. */
  #loads = 0;
  #controller?: AbortController;
  /** The Deactivate button that opened the dialog, to take focus back to. */
  #opener: HTMLElement | null = null;

  constructor() {
    super();
    this.numbers = null;
    this.loadError = null;
    this.deactivating = null;
    this.deactivateError = null;
    this.busy = false;
  }

  protected createRenderRoot() {
    return this;
  }

  // The shell sets a new context on any change (branding too): load when the
  // URL asks for other numbers (the first context, Back, a shared link).
  protected willUpdate(changed: PropertyValues<this>) {
    const ctx = this.context;
    if (!changed.has('context') || !ctx) return;
    const shown = shownOf(ctx.route.query);
    if (shown !== this.#shown) {
      this.#shown = shown;
      void this.load();
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#controller?.abort();
  }

  private async load() {
    const ctx = this.context;
    if (!ctx) return;
    // A newer request makes the older one moot: abort it, and ignore its answer.
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    const load = ++this.#loads;
    this.loadError = null;
    try {
      const body = await ctx.api.get<{ items: InboundNumber[] }>('/voice/numbers', {
        query: { active: SHOWN[this.#shown ?? 'active'].active },
        signal: controller.signal,
      });
      if (load === this.#loads) this.numbers = body.items;
    } catch (err) {
      if (load === this.#loads) this.loadError = problemOf(err);
    }
  }

  private show(shown: Shown) {
    const ctx = this.context!;
    const list = viewUrl(ctx, VIEWS.numbers);
    // The context this brings asks for the new numbers (willUpdate).
    navigate(this, shown === 'active' ? list : `${list}?show=${shown}`, { replace: true });
  }

  private get dialog() {
    return this.querySelector('dialog')!;
  }

  private async askDeactivate(n: InboundNumber, opener: HTMLElement) {
    this.#opener = opener;
    this.deactivating = n;
    this.deactivateError = null;
    await this.updateComplete;
    this.dialog.showModal();
  }

  private async deactivate() {
    const ctx = this.context;
    const n = this.deactivating;
    if (!ctx || !n || this.busy) return;
    this.busy = true;
    this.deactivateError = null;
    let changed: InboundNumber;
    try {
      changed = (await ctx.api.post<{ number: InboundNumber }>(`/voice/numbers/${n.id}/deactivate`)).number;
    } catch (err) {
      this.deactivateError = problemOf(err);
      return;
    } finally {
      this.busy = false;
    }
    // A list answer on its way predates this: it must not bring the row back as it was.
    this.#loads++;
    this.#controller?.abort();
    const keep = this.#shown !== 'active';
    this.numbers = (this.numbers ?? []).flatMap((m) => (m.id !== n.id ? [m] : keep ? [changed] : []));
    if (!keep) this.#opener = null; // its row is gone
    this.dialog.close();
    toast(this, `${n.phone_number} deactivated`, 'success');
    if (!keep) {
      await this.updateComplete;
      this.querySelector<HTMLElement>('.th-table-wrap, .th-empty')?.focus();
    }
  }

  // Escape, Cancel and a deactivation all end here.
  private onDialogClose() {
    this.deactivating = null;
    this.deactivateError = null;
    this.#opener?.focus();
    this.#opener = null;
  }

  private addButton(ctx: TabContext) {
    return html`<button type="button" class="th-btn th-btn-primary"
      @click=${() => navigate(this, viewUrl(ctx, VIEWS.newNumber))}>Add number</button>`;
  }

  private row(ctx: TabContext, n: InboundNumber, write: boolean) {
    const label = numberLabel(n);
    const edit = numberUrl(ctx, n.id);
    const routed = routingLabel(n);
    return html`<tr>
      <td data-label="Number">
        ${write
          ? html`<a class="th-mono" href="${ctx.tenant.base}${edit}" aria-label="Edit ${label}"
              @click=${(e: MouseEvent) => follow(e, this, edit)}>${n.phone_number}</a>`
          : html`<span class="th-mono">${n.phone_number}</span>`}
      </td>
      <td data-label="Friendly name">
        ${n.friendly_name ? html`<div class="th-truncate" title=${n.friendly_name}>${n.friendly_name}</div>` : html`<span class="th-hint">None</span>`}
      </td>
      <td data-label="Routed to">
        ${routed ? html`<div class="th-truncate" title=${routed}>${routed}</div>` : html`<span class="th-hint">Not routed</span>`}
      </td>
      <td data-label="Status">
        ${n.active
          ? html`<span class="th-badge th-badge-success">Active</span>`
          : html`<span class="th-badge">Deactivated</span>`}
      </td>
      <td data-label="Updated">${when(n.updated_at)}</td>
      <td class="actions">
        ${ctx.can('audit.read')
          ? html`<button type="button" class="th-btn th-btn-link" aria-label="History of ${label}"
              @click=${() => openHistory(this, 'voice_numbers', String(n.id), n.phone_number)}>History</button>`
          : nothing}
        ${write && n.active
          ? html`<button type="button" class="th-btn th-btn-danger" aria-label="Deactivate ${label}"
              @click=${(e: Event) => this.askDeactivate(n, e.currentTarget as HTMLElement)}>Deactivate</button>`
          : nothing}
      </td>
    </tr>`;
  }

  private content(ctx: TabContext) {
    if (this.loadError) {
      return html`<div class="th-alert th-alert-error" role="alert" tabindex="-1">
        <p>${problemText(this.loadError)}</p>
        <button type="button" class="th-btn" @click=${this.load}>Retry</button>
      </div>`;
    }
    const write = canWrite(ctx);
    if (this.numbers?.length === 0) {
      const none = this.#shown === 'deactivated' ? 'No deactivated numbers.' : 'No inbound numbers yet.';
      return html`<div class="th-empty" tabindex="-1">
        <p>${none}</p>
        ${write && this.#shown !== 'deactivated' ? this.addButton(ctx) : nothing}
      </div>`;
    }
    return html`<div class="th-table-wrap" tabindex="-1">
      <table class="th-table th-stack" aria-busy=${this.numbers ? 'false' : 'true'}>
        <caption class="th-visually-hidden">${SHOWN[this.#shown ?? 'active'].label}</caption>
        <thead>
          <tr>
            ${COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}
            <th scope="col"><span class="th-visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.numbers ? this.numbers.map((n) => this.row(ctx, n, write)) : skeletonRows([...COLUMNS, ''])}
        </tbody>
      </table>
    </div>`;
  }

  private confirmation() {
    const n = this.deactivating;
    return html`<dialog aria-labelledby="deactivate-title" @close=${this.onDialogClose}
      @cancel=${(e: Event) => this.busy && e.preventDefault()}>
      ${n
        ? html`<h2 id="deactivate-title">Deactivate ${n.phone_number}?</h2>
            <p>Calls to it are no longer routed. The number stays in the list, marked deactivated, with its
              history; it cannot be activated again.</p>
            ${this.deactivateError
              ? html`<div class="th-alert th-alert-error" role="alert">${problemText(this.deactivateError)}</div>`
              : nothing}
            <div class="th-dialog-actions">
              <button type="button" class="th-btn" autofocus ?disabled=${this.busy} @click=${() => this.dialog.close()}>
                Cancel
              </button>
              <button type="button" class="th-btn th-btn-danger" ?disabled=${this.busy} aria-busy=${String(this.busy)}
                @click=${this.deactivate}>Deactivate number</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    const shown = this.#shown ?? 'active';
    return html`<p>The phone numbers callers dial, each answered by the call tree of the company it is routed to.</p>
      <div class="th-toolbar">
        <label class="th-label" for="numbers-shown">Show</label>
        <select id="numbers-shown" class="th-select"
          @change=${(e: Event) => this.show((e.target as HTMLSelectElement).value as Shown)}>
          ${Object.entries(SHOWN).map(([value, { label }]) =>
            html`<option value=${value} ?selected=${value === shown}>${label}</option>`)}
        </select>
        <span class="th-grow"></span>
        ${canWrite(ctx) ? this.addButton(ctx) : nothing}
      </div>
      ${this.content(ctx)} ${this.confirmation()}`;
  }
}

if (!customElements.get('tabhost-voice-numbers')) customElements.define('tabhost-voice-numbers', NumbersList);
