// Impersonation history (route "impersonations", for audit.read): who acted
// as whom, why, when, how it ended and how many changes were made meanwhile.
// Renders into the tab's shadow root.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { TabContext } from '../../../../sdk/ui/tabhost-ui.js';
import { skeletonRows } from '../../../common/ui/src/table-parts.js';
import { follow, kindText, listUrl, problemOf, problemText, when, type Page, type Problem } from './shared.js';

/** One impersonation as GET /impersonation/sessions lists it. */
interface Session {
  id: string;
  impersonator: { id: string; name: string };
  /** name is null once the user was deleted. */
  user: { id: string; name: string | null };
  reason: string;
  read_only: boolean;
  active: boolean;
  started_at: string;
  ended_at: string | null;
  /** "stopped", "expired", "access_cut", ... */
  end_reason: string | null;
  duration_s: number;
  actions: number;
}

const COLUMNS = ['Who', 'As whom', 'Reason', 'Started', 'Ended', 'How it ended', 'Changes'];

function duration(seconds: number) {
  const minutes = Math.round(seconds / 60);
  return minutes < 1 ? 'under a minute' : minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

class Impersonations extends LitElement {
  static properties = {
    context: { attribute: false },
    items: { state: true },
    next: { state: true },
    problem: { state: true },
    loading: { state: true },
  };
  declare context?: TabContext;
  declare items: Session[] | null;
  declare next: string | null;
  declare problem: Problem | null;
  declare loading: boolean;

  #seq = 0;

  constructor() {
    super();
    this.items = null;
    this.next = null;
    this.problem = null;
    this.loading = false;
  }

  protected createRenderRoot() {
    return this;
  }

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('context') && !changed.get('context') && this.context?.can('audit.read')) void this.load();
  }

  private async load(cursor: string | null = null) {
    const ctx = this.context!;
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const page = await ctx.api.get<Page<Session>>('/impersonation/sessions', {
        query: { limit: 50, cursor: cursor ?? undefined },
      });
      if (seq !== this.#seq) return;
      this.items = cursor ? [...(this.items ?? []), ...page.items] : page.items;
      this.next = page.next_cursor;
      this.problem = null;
    } catch (err) {
      if (seq === this.#seq) this.problem = problemOf(err);
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  private row(s: Session) {
    return html`<tr>
      <td data-label="Who">${s.impersonator.name}</td>
      <td data-label="As whom">${s.user.name ?? html`<span class="th-hint">Deleted user</span>`}</td>
      <td data-label="Reason"><div class="th-truncate" title=${s.reason}>${s.reason || 'None given'}</div></td>
      <td data-label="Started">${when(s.started_at)}</td>
      <td data-label="Ended">
        ${s.active ? html`<span class="th-badge th-badge-primary">Active</span>` : when(s.ended_at)}
        <span class="th-hint">(${duration(s.duration_s)}${s.read_only ? ', read-only' : ''})</span>
      </td>
      <td data-label="How it ended">${s.end_reason ? kindText(s.end_reason) : ''}</td>
      <td data-label="Changes" class="th-num">${s.actions.toLocaleString()}</td>
    </tr>`;
  }

  protected render() {
    const ctx = this.context;
    if (!ctx) return nothing;
    const back = html`<div class="th-toolbar">
      <a
        class="th-btn th-btn-link"
        href="${ctx.tenant.base}${listUrl(ctx)}"
        @click=${(e: MouseEvent) => follow(e, this, listUrl(ctx))}
        ><span aria-hidden="true">←</span> All users</a
      >
    </div>`;
    if (!ctx.can('audit.read'))
      return html`${back}<p class="th-empty">You do not have permission to see the impersonation history.</p>`;
    if (this.problem)
      return html`${back}
        <div class="th-alert th-alert-error" role="alert">
          <p>${problemText(this.problem)}</p>
          <button type="button" class="th-btn" @click=${() => this.load()}>Retry</button>
        </div>`;
    if (this.items?.length === 0) return html`${back}<p class="th-empty">Nobody has acted as another user yet.</p>`;
    return html`${back}
      <div class="th-table-wrap">
        <table class="th-table th-stack" aria-busy=${this.items ? 'false' : 'true'}>
          <caption class="th-visually-hidden">Impersonations, newest first</caption>
          <thead>
            <tr>
              ${COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${this.items
              ? this.items.map((s) => this.row(s))
              : skeletonRows(COLUMNS, 1)}
          </tbody>
        </table>
      </div>
      ${this.next
        ? html`<div class="more">
            <button type="button" class="th-btn" ?disabled=${this.loading} @click=${() => this.load(this.next)}>
              Load more
            </button>
          </div>`
        : nothing}`;
  }
}

if (!customElements.get('tabhost-users-impersonations'))
  customElements.define('tabhost-users-impersonations', Impersonations);
